import type { Knex } from 'knex';
import { updateChannel, type ChannelActor } from '../../core/channels/channel-checks.ts';
import type { Channel, ChannelDirectory, EmailSettings, LineCredentials, SmtpCredentials } from '../../core/channels/channel-directory.ts';
import type { channelUpdate } from '../../core/contracts/channels.ts';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import { notFound, validationFailed } from '../../core/errors/index.ts';
import type { z } from 'zod';
import { smtpLoginProblem } from './smtp-check.ts';

/**
 * A change to a channel from the admin API or Settings. For an e-mail channel, the edited server,
 * mailbox and addresses are merged with what is stored (a password left out is the stored one:
 * it is never shown back, so it is never sent back either), and a change to the server or the
 * mailbox is tried with the SMTP server before it is stored: refused, it is a 422 on the field to
 * fix, and the channel keeps sending with what it had.
 */
type EmailChannel = Extract<Channel, { kind: 'email' }>;

export async function editChannel(
  deps: { knex: Knex; secrets: SecretBox; channels: ChannelDirectory },
  e: { orgId: string; channelId: string; body: z.infer<typeof channelUpdate>; actor: ChannelActor; requestId?: string },
): Promise<void> {
  const { smtp, from, inboundAddress, credentials, name, isActive } = e.body;
  const smtpLogin = credentials && 'user' in credentials ? credentials : undefined;
  const base = { orgId: e.orgId, channelId: e.channelId, name, isActive, actor: e.actor, requestId: e.requestId };
  if (!smtp && !from && !inboundAddress && !smtpLogin) return updateChannel(deps.knex, deps.secrets, { ...base, credentials: credentials as LineCredentials | undefined });

  const found = await deps.channels.ofOrg(e.orgId, e.channelId);
  if (!found) throw notFound('Channel', { id: e.channelId });
  if (found.kind !== 'email') throw validationFailed('An SMTP server and mailbox are for e-mail channels only', { kind: found.kind });
  const current: EmailChannel = found;
  const email: EmailSettings = {
    ...current.settings.email,
    ...(smtp ?? {}),
    ...(from ? { fromAddress: from.address, fromName: from.name } : {}),
    ...(inboundAddress ? { inboundAddress: inboundAddress.toLowerCase() } : {}),
  };
  const login: SmtpCredentials = smtpLogin ? { user: smtpLogin.user, password: smtpLogin.password ?? current.credentials.password } : current.credentials;
  if (smtp || smtpLogin) {
    const problem = await smtpLoginProblem({ ...current, settings: { ...current.settings, email }, credentials: login });
    if (problem) throw validationFailed(`Nothing was changed: ${problem.message}`, [problem]);
  }
  await updateChannel(deps.knex, deps.secrets, { ...base, email, ...(smtpLogin ? { credentials: login } : {}) });
}
