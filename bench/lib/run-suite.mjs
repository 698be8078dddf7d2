// Runs one suite in this (child) process and sends its result to the orchestrator over IPC.
const id = process.argv[2];
const mod = await import(`../suites/${id}.mjs`);
try {
  const result = await mod.run();
  process.send({ ok: true, result });
} catch (error) {
  process.send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
process.disconnect();
