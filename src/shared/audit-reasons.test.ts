import { describe, expect, it } from 'vitest';
import { AUDIT_REASONS, auditReason, readAuditReason, type AuditReasonCode } from './audit-reasons.js';

describe('audit reasons', () => {
  it('reads every template back into its code and values', () => {
    for (const [code, template] of Object.entries(AUDIT_REASONS) as [AuditReasonCode, string][]) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const values = Object.fromEntries(names.map((n, i) => [n, `${n}-${i}7f3c`]));
      const text = (auditReason as (c: string, v?: object) => string)(code, values);
      expect(readAuditReason(text)).toEqual({ code, values });
    }
  });

  it('reads entries stored before the list existed, and says null for text no template makes', () => {
    expect(readAuditReason('accepted invitation 3f1c9a2e-1111-4222-8333-944445555666')).toEqual({
      code: 'invitationAccepted',
      values: { invitation: '3f1c9a2e-1111-4222-8333-944445555666' },
    });
    expect(readAuditReason('for user u-1 (command line)')).toEqual({
      code: 'resetIssuedByCli',
      values: { user: 'u-1' },
    });
    expect(readAuditReason('to organisation org-2')).toEqual({
      code: 'profileMoved',
      values: { organisation: 'org-2' },
    });
    expect(readAuditReason('to org-2')).toEqual({ code: 'referredTo', values: { organisation: 'org-2' } });
    expect(readAuditReason('wrong password; backing off')?.code).toBe('signInWrongPasswordBackingOff');
    expect(readAuditReason('The course lasted three years')).toBeNull();
    expect(readAuditReason('')).toBeNull();
  });

  it('refuses a value that would not read back', () => {
    expect(() => auditReason('consentWithdrawn', { purpose: 'two words' })).toThrow(/one word/);
    expect(() => auditReason('consentWithdrawn', { purpose: '' })).toThrow(/one word/);
  });

  it('makes each template read back only as itself', () => {
    const texts = Object.keys(AUDIT_REASONS).map((code) => {
      const template = AUDIT_REASONS[code as AuditReasonCode];
      return [code, template.replace(/\{(\w+)\}/g, 'x')] as const;
    });
    for (const [code, text] of texts) expect(readAuditReason(text)?.code).toBe(code);
  });
});
