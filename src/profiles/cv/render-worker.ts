// Runs in a worker thread (pool.ts): renders one PDF per message, so a large PDF never blocks the event loop that
// answers every other request. Each job names the module and function that render it (imported once per thread).
import { parentPort, threadId } from 'node:worker_threads';

type Renderer = (input: unknown) => Promise<Buffer>;
const modules = new Map<string, Promise<Record<string, unknown>>>();

async function rendererOf(module: string, name: string): Promise<Renderer> {
  let loaded = modules.get(module);
  if (!loaded) modules.set(module, (loaded = import(module) as Promise<Record<string, unknown>>));
  const fn = (await loaded)[name];
  if (typeof fn !== 'function') throw new Error(`${module} exports no renderer ${name}`);
  return fn as Renderer;
}

parentPort!.on('message', (job: { id: number; module: string; renderer: string; input: unknown }) => {
  rendererOf(job.module, job.renderer)
    .then((render) => render(job.input))
    .then(
      (pdf) => {
        const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
        parentPort!.postMessage({ id: job.id, pdf: bytes, threadId }, [bytes.buffer]);
      },
      (err: unknown) =>
        parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
parentPort!.postMessage({ ready: true });
