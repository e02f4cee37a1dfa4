// Request schemas for sign-in, API tokens, users and the audit log, shared by server and client.
import { z } from "zod";
import { ROLES } from "@/lib/security/roles";

export const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

export const createTokenSchema = z
  .object({
    role: z.enum(ROLES),
    expiresInDays: z.number().int().min(1, "At least 1 day").max(365, "At most 365 days"),
    name: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const tokenIdSchema = z.object({ id: z.string().uuid("Not a token id") });

export const createUserSchema = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{2,64}$/, "2–64 characters: lower-case letters, digits, . _ -"),
    password: z.string().min(12, "At least 12 characters").max(1024),
    role: z.enum(ROLES),
  })
  .strict();

export const auditQuerySchema = z
  .object({
    action: z.string().max(64).optional(),
    actor: z.string().max(128).optional(),
    instanceId: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();
