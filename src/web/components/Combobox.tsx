// Text input with a suggestion list, following the WAI-ARIA 1.2 combobox pattern (list autocomplete,
// manual selection): arrows move, Enter picks, Escape closes, the count is announced politely.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ComboboxProps<T> {
  /** Id of the input (so a form can focus it); generated when absent. */
  id?: string;
  label: string;
  invalid?: boolean;
  hint?: string;
  /** Id of an element that also describes the input (e.g. the field's error message). */
  describedBy?: string;
  value: string;
  onChange(value: string): void;
  /** Called when a suggestion is picked (Enter on an active option, or click). */
  onPick(item: T): void;
  /** Called on Enter when no option is active. */
  onSubmitText?(): void;
  suggest(text: string, signal: AbortSignal): Promise<T[]>;
  itemKey(item: T): string;
  renderItem(item: T): ReactNode;
  /** Announcement for n suggestions, in the interface language. */
  countMessage(n: number): string;
  minChars?: number;
  debounceMs?: number;
  inputLang?: string;
}

export function Combobox<T>(props: ComboboxProps<T>) {
  const { minChars = 2, debounceMs = 200 } = props;
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const typed = useRef(false); // only suggest after the person typed, not when the value is set from the URL
  const suggestRef = useRef(props.suggest);
  suggestRef.current = props.suggest;
  const countRef = useRef(props.countMessage);
  countRef.current = props.countMessage;

  const text = props.value.trim();
  useEffect(() => {
    if (!typed.current || text.length < minChars) {
      setItems([]);
      setOpen(false);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      suggestRef
        .current(text, ctrl.signal)
        .then((found) => {
          if (ctrl.signal.aborted) return;
          setItems(found);
          setActive(-1);
          setOpen(found.length > 0);
          setAnnouncement(countRef.current(found.length));
        })
        .catch(() => {
          // Suggestions are a convenience: a failed lookup leaves the plain search working.
          if (!ctrl.signal.aborted) setOpen(false);
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, minChars, debounceMs]);

  function pick(item: T) {
    typed.current = false;
    setOpen(false);
    setActive(-1);
    props.onPick(item);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
        if (items.length === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((a) => (a + 1) % items.length);
        break;
      case 'ArrowUp':
        if (items.length === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        break;
      case 'Enter': {
        const item = open && active >= 0 ? items[active] : undefined;
        e.preventDefault();
        if (item) pick(item);
        else {
          setOpen(false);
          props.onSubmitText?.();
        }
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (props.value) {
          e.preventDefault();
          props.onChange('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  }

  const activeId = open && active >= 0 ? `${id}-opt-${active}` : undefined;
  const describedBy = [props.hint ? hintId : undefined, props.describedBy].filter(Boolean).join(' ') || undefined;

  return (
    <div className="combobox">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        lang={props.inputLang}
        dir="auto"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        aria-invalid={props.invalid || undefined}
        value={props.value}
        onChange={(e) => {
          typed.current = true;
          props.onChange(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={props.label} hidden={!open} className="combobox-list">
        {items.map((item, i) => (
          <li
            key={props.itemKey(item)}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // mousedown, not click: keep focus in the input so blur does not close the list first
            onMouseDown={(e) => {
              e.preventDefault();
              pick(item);
            }}
            onMouseMove={() => setActive(i)}
          >
            {props.renderItem(item)}
          </li>
        ))}
      </ul>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
