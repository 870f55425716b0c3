/**
 * A LINE webhook body with one text message from a customer in a 1:1 chat, as LINE sends it, for
 * the benches that load the webhook (bench/webhook-ingestion.ts, bench/pipeline.ts).
 */
export function lineTextWebhook(e: { webhookEventId: string; userId: string; replyToken: string; messageId: string; text: string }): string {
  return JSON.stringify({
    destination: 'U' + '0'.repeat(32),
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: e.webhookEventId,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: e.userId },
        replyToken: e.replyToken,
        message: { id: e.messageId, type: 'text', quoteToken: 'q', text: e.text },
      },
    ],
  });
}
