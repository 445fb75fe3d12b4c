import module from 'node:module';

/**
 * Node 22.1+ keeps the code it compiled in a cache on disk, so a daemon or `top` started again
 * skips most of its compiling (as ecflow-ts's command lines do). Called before the executable
 * imports the rest of itself; Node 20 has no such cache.
 */
export function enableCompileCache(): void {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
