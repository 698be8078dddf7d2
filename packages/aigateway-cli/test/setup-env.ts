import { inject } from 'vitest';

// Read by spawned and tmux-run binaries through the environment they inherit or are given (helpers/spawn.ts).
process.env.XDG_CACHE_HOME = inject('cacheHome');
