// Contact requests (issue 10): the client of /contact-requests, and the unread count the header shows. The inbox
// screen itself loads on first use (screens/Inbox.tsx).
import { useEffect, useState } from 'react';
import type {
  ContactRequestInput,
  ContactRequestView,
  DecisionInput,
  Inbox,
  SharedContact,
} from '../matching/index.js';
import type { Outcome } from '../protection/index.js';
import { request } from './api.js';

/** Contact requests as the API sends them: matching's contract (src/matching/contract.ts), type-only. */
export type { SharedContact };
export type ContactRequest = ContactRequestView;

/** Roles with an inbox (mirrors the API's access declaration). */
export const INBOX_ROLES = ['employer', 'advisor', 'org_admin', 'migrant'];

export const contactApi = {
  ask(body: Omit<ContactRequestInput, 'id'>): Promise<ContactRequest> {
    return request('POST', '/contact-requests', { body });
  },
  inbox(signal?: AbortSignal): Promise<Inbox> {
    return request('GET', '/contact-requests', { signal });
  },
  unread(signal?: AbortSignal): Promise<{ unread: number }> {
    return request('GET', '/contact-requests/unread', { signal });
  },
  seen(): Promise<{ marked: number }> {
    return request('POST', '/contact-requests/seen', { body: {} });
  },
  /** The body is the decision without the request, which the URL names (as the route takes it). */
  decide(id: string, body: Omit<DecisionInput, 'requestId'>): Promise<ContactRequest> {
    return request('POST', `/contact-requests/${encodeURIComponent(id)}/decision`, { body });
  },
  place(
    id: string,
    body: { startDate: string; contractType: string },
  ): Promise<{ request: ContactRequest; outcome: Outcome }> {
    return request('POST', `/contact-requests/${encodeURIComponent(id)}/placement`, { body });
  },
};

const listeners = new Set<() => void>();
/** Tells the header to count again (the inbox marked things read, or answered one). */
export function refreshUnread(): void {
  listeners.forEach((l) => l());
}

/** The caller's unread count, fetched on each screen change; null for roles without an inbox or when offline. */
export function useUnreadCount(role: string, route: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  useEffect(() => {
    if (!INBOX_ROLES.includes(role)) return;
    const ctrl = new AbortController();
    contactApi.unread(ctrl.signal).then(
      (r) => setCount(r.unread),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [role, route, tick]);
  return count;
}
