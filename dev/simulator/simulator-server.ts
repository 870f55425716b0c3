import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import { errorBody } from '../../api/middleware/errors.ts';
import { createDevPlatforms, type DevPlatforms, type DevPlatformsOptions } from './dev-platforms.ts';

/**
 * The chat simulator's own server: the page, its calls and the fake platforms, on a listener of
 * their own bound to loopback (never the api's address, which may be 0.0.0.0), guarded by a token
 * made at each start. Whoever can read the start banner (or the process's own output) can use it;
 * nobody on the network can reach it, and no other site's page can drive it (dev-platforms.ts).
 */
export const SIMULATOR_HOST = '127.0.0.1';

export interface SimulatorServer {
  app: Koa;
  dev: DevPlatforms;
  token: string;
}

export function createSimulatorServer(opts: Omit<DevPlatformsOptions, 'token'>): SimulatorServer {
  const token = randomBytes(24).toString('base64url');
  const dev = createDevPlatforms({ ...opts, token });
  const app = new Koa();
  app.silent = true;
  app.use(errorBody);
  // No body reader in front: the simulator and the fakes read a body only once the request is
  // known to be theirs (loopback host, same origin, and for the simulator the token).
  app.use(dev.middleware);
  return { app, dev, token };
}
