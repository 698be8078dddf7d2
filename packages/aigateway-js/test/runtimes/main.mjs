// Entry for a runtime started as a process (Node, Bun, Deno): `<runtime> main.mjs '<config JSON>'`.
// The SDK is imported by its package name, so the runtime's own export conditions pick the build.
import { smoke } from './smoke.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const config = JSON.parse(args[0]);
const sdk = await import('aigateway-js');
await smoke(sdk, config, (line) => console.log(line));
