// Progress on the terminal: a cli-progress bar on a TTY, plain lines (one per stage, then every 25%) otherwise,
// so logs from containers and CI stay readable.
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** `phase` names the bar ("reading ESCO", "writing taxonomy"); `stage` is the current step within it. */
  update(phase: string, stage: string, done: number, total: number): void;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

export function silentProgress(): ProgressReporter {
  return { update: () => {}, stop: () => {} };
}

function barProgress(stream: NodeJS.WriteStream): ProgressReporter {
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  return {
    update(p, stage, done, total) {
      if (p !== phase || !bar) {
        bar?.stop();
        phase = p;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${p.padEnd(17)} [{bar}] {percentage}% | {value}/{total} | {stage}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(total, 1), done, { stage });
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { stage });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream): ProgressReporter {
  let lastKey = '';
  let lastQuarter = -1;
  return {
    update(phase, stage, done, total) {
      const quarter = total > 0 ? Math.floor((done / total) * 4) : 0;
      const key = `${phase}|${stage}`;
      if (key === lastKey && quarter === lastQuarter) return;
      lastKey = key;
      lastQuarter = quarter;
      const pct = total > 0 ? Math.round((done / total) * 100) : 0;
      stream.write(`${phase}: ${stage} ${done}/${total} (${pct}%)\n`);
    },
    stop() {},
  };
}
