import { Agent, request } from 'node:http';

/**
 * HTTP requests from a chosen local address (127.0.0.1, 127.0.0.2...: all loopback), so that a
 * test can play two clients whose address the server sees as different, as it sees the socket's
 * address with TRUST_PROXY off.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

const agents = new Map<string, Agent>();

export function agentFor(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ keepAlive: true, localAddress, maxSockets: 64 })));
  return agent;
}

export function requestFrom(
  localAddress: string,
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: o.method ?? 'GET', headers: o.headers, agent: agentFor(localAddress) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
