// The card list of the staff screens (training offers, organisations, taxonomy versions): each card a title with
// an optional badge, a line of facts, and an optional action.
import type { ReactNode } from 'react';

export interface CardParts {
  title: ReactNode;
  badge?: ReactNode;
  /** Short facts shown on one line; empty ones (false, null, '') are left out. */
  facts: ReactNode[];
  action?: ReactNode;
}

export function CardList<T>(props: { items: readonly T[]; itemKey(item: T): string; card(item: T): CardParts }) {
  return (
    <ul className="cards">
      {props.items.map((item) => {
        const c = props.card(item);
        return (
          <li key={props.itemKey(item)} className="card">
            <div className="card-title">
              {c.title}
              {c.badge}
            </div>
            <p className="codes">
              {c.facts
                .filter((f) => f !== false && f !== null && f !== undefined && f !== '')
                .map((f, i) => (
                  <span key={i}>{f}</span>
                ))}
            </p>
            {c.action && <p>{c.action}</p>}
          </li>
        );
      })}
    </ul>
  );
}
