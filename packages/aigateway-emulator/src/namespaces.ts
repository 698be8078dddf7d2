import controlDocument from './generated/control.json';
import { ApiError } from './http/errors.js';

const namespaceParameter = controlDocument.components.parameters.Namespace;
/** The header that picks a namespace (`x-aig-emulator-namespace`, from the control document). */
export const NAMESPACE_HEADER: string = namespaceParameter.name;
const NAME = new RegExp(controlDocument.components.schemas.NamespaceName.pattern);

/** Namespaces one emulator holds at most; each is a whole emulator's state. */
export const MAX_NAMESPACES = 256;

/** What the registry needs of one namespace's emulator. */
export interface NamespacedEmulator {
  requestCount(): number;
  close(): Promise<void>;
}

/** What the control API reads of the namespaces (`GET`, `DELETE /_emulator/namespaces`). */
export interface NamespaceControl {
  list(): NamespaceInfo[];
  delete(name: string): Promise<boolean>;
}

export interface NamespaceInfo {
  name: string;
  created_at: number;
  requests: number;
}

/**
 * Isolated emulators picked by the namespace header: each has the same keys and options as the
 * default one and state of its own (journal, scenarios, faults, usage, jobs, clock), created on
 * first use. Parallel test files that each send their own name never see each other's state.
 */
export class Namespaces<T extends NamespacedEmulator> implements NamespaceControl {
  private readonly spaces = new Map<string, { emulator: T; createdAt: number }>();

  constructor(private readonly create: () => T) {}

  /** The namespace's emulator, created on first use; a bad name or one too many is an ApiError. */
  get(name: string): T {
    const known = this.spaces.get(name);
    if (known) return known.emulator;
    if (!NAME.test(name))
      throw new ApiError(
        400,
        'invalid_value',
        `${NAMESPACE_HEADER} must be 1-64 characters of A-Z a-z 0-9 . _ : - (got '${name.slice(0, 80)}').`,
        { param: NAMESPACE_HEADER },
      );
    if (this.spaces.size >= MAX_NAMESPACES)
      throw new ApiError(
        400,
        'invalid_value',
        `The emulator holds ${MAX_NAMESPACES} namespaces already: drop finished ones with DELETE /_emulator/namespaces/{name}.`,
        { param: NAMESPACE_HEADER },
      );
    const emulator = this.create();
    this.spaces.set(name, { emulator, createdAt: Math.floor(Date.now() / 1000) });
    return emulator;
  }

  list(): NamespaceInfo[] {
    return [...this.spaces].map(([name, s]) => ({
      name,
      created_at: s.createdAt,
      requests: s.emulator.requestCount(),
    }));
  }

  /** Stops the namespace's timers and forgets it; false when no request named it. */
  async delete(name: string): Promise<boolean> {
    const space = this.spaces.get(name);
    if (!space) return false;
    this.spaces.delete(name);
    await space.emulator.close();
    return true;
  }

  async close(): Promise<void> {
    const all = [...this.spaces.values()];
    this.spaces.clear();
    await Promise.all(all.map((s) => s.emulator.close()));
  }
}
