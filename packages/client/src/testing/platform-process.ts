import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { restHelpers } from './platform';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * startPlatform in a child process (serve-platform.ts through tsx), with the same REST helpers; this process
 * loads none of the API's code.
 */
export const startPlatformProcess = async (env: Record<string, string> = {}) => {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'serve-platform.ts'), JSON.stringify(env)],
    {
      cwd: path.join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  proc.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const first = await new Promise<string | null>((resolve) => {
    const lines = createInterface({ input: proc.stdout });
    lines.once('line', resolve);
    proc.once('exit', () => resolve(null));
  });
  if (!first) throw new Error(`the API process exited before listening: ${stderr.join('')}`);
  const { baseUrl, productId, admin } = JSON.parse(first) as {
    baseUrl: string;
    productId: string;
    admin: { email: string; password: string };
  };
  return {
    baseUrl,
    productId,
    ...restHelpers(baseUrl, admin),
    async close() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
};
