// Runs in a worker thread (pool.ts): renders one CV per message, so a large CV never blocks the event loop that
// answers every other request.
import { parentPort, threadId } from 'node:worker_threads';
import type { CvDocument } from './document.js';
import { renderCvPdf } from './pdf.js';

parentPort!.on('message', (job: { id: number; cv: CvDocument }) => {
  renderCvPdf(job.cv).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort!.postMessage({ id: job.id, pdf: bytes, threadId }, [bytes.buffer]);
    },
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
parentPort!.postMessage({ ready: true });
