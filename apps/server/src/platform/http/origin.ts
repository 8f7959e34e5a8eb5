import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from './actor';

export const originOf = (req: FastifyRequest): RequestOrigin => ({
  ip: req.ip || null,
  userAgent: req.headers['user-agent'] ?? null,
});
