import module from 'node:module';

/**
 * Node 22.1+ keeps the code it compiled in a cache on disk (in the system's temporary folder), so
 * a command line started again and again (a job calls the client at every step) skips most of its
 * compiling. Called before the executable imports the rest of itself; Node 20 has no such cache.
 */
export function enableCompileCache(): void {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
