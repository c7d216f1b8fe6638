// Contact requests (issue 10): the client of /contact-requests, and the unread count the header shows. The inbox
// screen itself loads on first use (screens/Inbox.tsx).
import { useEffect, useState } from 'react';
import { request } from './api.js';

export interface SharedContact {
  name?: string;
  phone?: string;
  email?: string;
  note?: string;
}

export interface ContactRequest {
  id: string;
  party: 'employer' | 'holder' | 'migrant';
  status: 'pending' | 'accepted' | 'declined';
  vacancy: { id: string; title: string; occupationUri: string; contractType: string; status: string };
  employer: { organisationId: string; name: string };
  candidate: { migrantId: string; reference: string; name: string | null; visible: boolean };
  message: string | null;
  requestedAt: string;
  decidedAt: string | null;
  decidedOnBehalf: boolean;
  contact: SharedContact | null;
  placementId: string | null;
  unread: boolean;
}

/** Roles with an inbox (mirrors the API's access declaration). */
export const INBOX_ROLES = ['employer', 'advisor', 'org_admin', 'migrant'];

export const contactApi = {
  ask(body: { vacancyId: string; migrantId: string; message?: string }): Promise<ContactRequest> {
    return request('POST', '/contact-requests', { body });
  },
  inbox(signal?: AbortSignal): Promise<{ requests: ContactRequest[]; unread: number }> {
    return request('GET', '/contact-requests', { signal });
  },
  unread(signal?: AbortSignal): Promise<{ unread: number }> {
    return request('GET', '/contact-requests/unread', { signal });
  },
  seen(): Promise<{ marked: number }> {
    return request('POST', '/contact-requests/seen', { body: {} });
  },
  decide(
    id: string,
    body: { accept: boolean; contact?: SharedContact; personAgreed?: boolean },
  ): Promise<ContactRequest> {
    return request('POST', `/contact-requests/${encodeURIComponent(id)}/decision`, { body });
  },
  place(
    id: string,
    body: { startDate: string; contractType: string },
  ): Promise<{ request: ContactRequest; outcome: { vacancyClosed?: boolean } }> {
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
