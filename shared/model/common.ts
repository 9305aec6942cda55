import { z } from 'zod';

/** Ids in files people write: short, lowercase, safe in URLs and YAML. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'expected an id: lowercase letters, digits, "-" or "_"' });

/** An IANA time zone the runtime knows. */
export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as "Europe/London" or "UTC"' },
);
