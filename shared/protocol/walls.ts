/**
 * Wall devices: enrolment (a wall shows a one-time code, an admin enters it in Settings, the wall
 * gets a viewer token of its own) and the heartbeat each wall sends so Settings can list them.
 */
import { z } from 'zod';

/** Codes use letters and digits nobody confuses across a room (no 0/O, 1/I/L). */
export const ENROL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ENROL_CODE_LENGTH = 6;
export const ENROL_TTL_MS = 15 * 60_000;

export const enrolStartReplySchema = z.object({
  code: z.string().describe('Show this on the wall; an admin enters it in Settings'),
  claimSecret: z.string().describe('The device keeps this and polls /api/v1/enrol/claim with it'),
  expiresAt: z.number().describe('epoch ms'),
});
export type EnrolStartReply = z.output<typeof enrolStartReplySchema>;

export const enrolClaimBodySchema = z.object({ claimSecret: z.string().min(10).max(200) }).strict();
export const enrolClaimReplySchema = z.object({
  status: z.enum(['pending', 'approved', 'expired']),
  token: z.string().optional().describe('The device\'s viewer token: given once, when approved'),
  name: z.string().optional(),
});
export type EnrolClaimReply = z.output<typeof enrolClaimReplySchema>;

/** Codes are typed by people: spaces, dashes and lower case are forgiven. */
export const normaliseEnrolCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

const enrolCode = (where: string) =>
  z
    .string()
    .transform(normaliseEnrolCode)
    .pipe(z.string().regex(new RegExp(`^[${ENROL_CODE_ALPHABET}]{${ENROL_CODE_LENGTH}}$`), { message: `expected the ${ENROL_CODE_LENGTH}-character code ${where}` }));
const deviceName = z.string().trim().min(1).max(80).describe('What the device is, e.g. "NOC left screen"');

export const enrolApproveBodySchema = z.object({ code: enrolCode('shown on the wall'), name: deviceName }).strict();
export const enrolApproveReplySchema = z.object({ name: z.string(), expiresAt: z.number() });

/** The other direction: an admin creates a code in Settings and types it on the wall's /enrol page. */
export const enrolCodeCreateBodySchema = z.object({ name: deviceName }).strict();
export const enrolCodeReplySchema = z.object({
  code: z.string().describe('Shown once: enter it on the wall at #/enrol; one use, 15 min'),
  name: z.string(),
  expiresAt: z.number().describe('epoch ms'),
});
export type EnrolCodeReply = z.output<typeof enrolCodeReplySchema>;
export const enrolRedeemBodySchema = z.object({ code: enrolCode('created in Settings → Wall devices') }).strict();
export const enrolRedeemReplySchema = z.object({ token: z.string().describe('The device\'s viewer token: given once'), name: z.string() });
export type EnrolRedeemReply = z.output<typeof enrolRedeemReplySchema>;

export const wallHeartbeatSchema = z
  .object({
    wallId: z.string().max(64),
    page: z.string().max(120).describe('The title of the page shown'),
    errors: z.number().int().min(0).max(10_000).describe('Panels showing an error now'),
    heapMb: z.number().min(0).max(100_000).nullable(),
    fps: z.number().min(0).max(1000).nullable(),
    worstAgeMs: z.number().min(0).nullable().describe('The oldest data on screen'),
  })
  .strict();
export type WallHeartbeat = z.output<typeof wallHeartbeatSchema>;

export interface WallHealth extends WallHeartbeat {
  readonly socketId: string;
  readonly tokenName: string;
  readonly connectedAt: number;
  readonly lastSeenAt: number;
  readonly connected: boolean;
}
