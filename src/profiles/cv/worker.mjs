// Worker thread entry for PDF rendering: the TypeScript loader, then the renderer (pool.ts starts this file).
import { register } from 'tsx/esm/api';
register();
await import('./render-worker.ts');
