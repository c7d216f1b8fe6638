// PDF rendering off the event loop: a small pool of worker threads with a bounded queue, a per-person concurrency
// limit, and a time and size limit per job. One person asking for many large PDFs waits (or is told to wait); the
// server keeps answering everyone else. A CV takes 0.1–9 s of CPU depending on the profile's size, a passport
// 0.1–0.2 s. Every kind of PDF shares the one pool, so the threads and each person's limit cover them all.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../kernel/errors.js';

/**
 * One PDF to render: the worker imports `module` (once per thread) and awaits `renderer(input)`, which returns the
 * PDF's bytes. `input` crosses to the worker by structured clone: plain data, no functions.
 */
export interface PdfJob {
  /** Names the job in error codes (`<kind>_busy`, `<kind>_timeout`, …). */
  kind: string;
  /** What the person asked for, plural, in messages ("CVs"). */
  what: string;
  module: URL;
  renderer: string;
  input: unknown;
}

export interface PdfPoolOptions {
  /** Worker threads (default: cores − 1, at least 1, at most 4). */
  threads?: number;
  /** Jobs waiting beyond the running ones before new ones are refused (503). */
  maxQueue?: number;
  /** Jobs one person may have running or waiting at once (429 beyond). */
  perUser?: number;
  /** A job running longer is stopped (its worker replaced) and answered 503. */
  timeoutMs?: number;
  /** Largest job input accepted, as JSON characters (413 beyond). */
  maxInputChars?: number;
}

interface Job {
  id: number;
  pdf: PdfJob;
  user: string;
  resolve(pdf: Buffer): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class PdfRenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly perUserCount = new Map<string, number>();
  private nextId = 1;
  private closed = false;
  /** Thread ids that rendered a PDF (tests check the work left the main thread). */
  readonly renderedOn = new Set<number>();
  readonly options: Required<PdfPoolOptions>;

  constructor(options: PdfPoolOptions = {}) {
    this.options = {
      threads: options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      maxQueue: options.maxQueue ?? 32,
      perUser: options.perUser ?? 2,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxInputChars: options.maxInputChars ?? 2_000_000,
    };
  }

  render(pdf: PdfJob, user: string): Promise<Buffer> {
    const { kind, what } = pdf;
    if (this.closed) return Promise.reject(new DomainError('unavailable', 'shutting_down', 'The server is stopping'));
    if (JSON.stringify(pdf.input).length > this.options.maxInputChars) {
      return Promise.reject(new DomainError('too_large', `${kind}_too_large`, 'This document is too large to print'));
    }
    const mine = this.perUserCount.get(user) ?? 0;
    if (mine >= this.options.perUser) {
      return Promise.reject(
        new DomainError(
          'rate_limited',
          `${kind}_busy`,
          `Your previous ${what} are still being prepared; try again in a moment`,
        ),
      );
    }
    const busy = this.slots.filter((s) => s.job).length;
    if (this.queue.length >= this.options.maxQueue && busy >= this.options.threads) {
      return Promise.reject(
        new DomainError('unavailable', `${kind}_queue_full`, `Many ${what} are being prepared; try again`),
      );
    }
    this.perUserCount.set(user, mine + 1);
    return new Promise<Buffer>((resolve, reject) => {
      const release = () => {
        const n = (this.perUserCount.get(user) ?? 1) - 1;
        if (n <= 0) this.perUserCount.delete(user);
        else this.perUserCount.set(user, n);
      };
      this.queue.push({
        id: this.nextId++,
        pdf,
        user,
        resolve: (pdf) => (release(), resolve(pdf)),
        reject: (err) => (release(), reject(err)),
      });
      this.pump();
    });
  }

  /** Jobs running and waiting now. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new DomainError('unavailable', 'shutting_down', 'Stopping'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.threads) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise((r) => (ready = r)), job: null, timer: null };
    worker.on('message', (msg: { ready?: true; id?: number; pdf?: Uint8Array; error?: string; threadId?: number }) => {
      if (msg.ready) return ready();
      const job = slot.job;
      if (!job || msg.id !== job.id) return;
      this.finish(slot);
      if (msg.pdf) {
        if (msg.threadId) this.renderedOn.add(msg.threadId);
        job.resolve(Buffer.from(msg.pdf.buffer, msg.pdf.byteOffset, msg.pdf.byteLength));
      } else job.reject(new Error(`${job.pdf.kind} rendering failed: ${msg.error}`));
      this.pump();
    });
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', () => {
      if (slot.job) this.replace(slot, new Error('PDF worker stopped'));
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(
      () =>
        this.replace(
          slot,
          new DomainError('unavailable', `${job.pdf.kind}_timeout`, 'Preparing this document took too long; try again'),
        ),
      this.options.timeoutMs,
    );
    void slot.ready.then(() => {
      if (slot.job === job)
        slot.worker.postMessage({
          id: job.id,
          module: job.pdf.module.href,
          renderer: job.pdf.renderer,
          input: job.pdf.input,
        });
    });
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** A worker that failed or ran too long is stopped and dropped; its job fails; the next job gets a fresh one. */
  private replace(slot: Slot, err: unknown): void {
    const job = slot.job;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
    job?.reject(err);
    if (!this.closed) this.pump();
  }
}
