/** Errno codes of `listen()` that come from the port or host chosen, not from a bug: the CLI exits 2 on them. */
const USAGE_CODES = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * One line saying why the server could not listen on `port`/`host` and what to pass instead, or
 * undefined when `error` is not about the port or host (then it is an unexpected failure).
 * `runEmulatorCli` prints it and exits 2; call it after `startEmulator` rejects for the same wording.
 *
 * @example
 * const why = listenErrorMessage(error, 4010, '127.0.0.1');
 * // "Port 4010 is already in use on 127.0.0.1: stop the other process or pass --port 0 …"
 */
export function listenErrorMessage(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !USAGE_CODES.has(code)) return undefined;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use on ${host}: stop the other process or pass --port 0 for a free port (or another --port).`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on --host ${host}: it is not an address of this machine. Pass --host 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`;
    case 'EACCES':
      return port > 0 && port < 1024
        ? `No permission to listen on port ${port}: ports below 1024 need elevated privileges. Pass --port 0 for a free port, or a port from 1024 up.`
        : `No permission to listen on port ${port} on ${host}: pass --port 0 for a free port, or another --port.`;
    default:
      return `Cannot resolve --host ${host}: pass an IP address of this machine, such as 127.0.0.1 or 0.0.0.0.`;
  }
}
