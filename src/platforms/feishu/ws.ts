// Long-connection mode: the SDK's WSClient dials out (no public IP needed), fetches the endpoint
// over HTTP and speaks protobuf frames. Our additions: refuse to start silently on a bad app id
// (the SDK only logs), a ping watchdog (off by default → half-open sockets stay "connected"),
// a handshake timeout, lifecycle logs, and a dispatcher whose handlers return within the 3 s ack
// budget (the SDK acks only after the handler resolved; a late ack means a re-push). They return
// once the event is in the inbox and throw only when it could not be stored: the SDK then acks
// {"code":500} and Feishu pushes the event again.
import * as lark from '@larksuiteoapi/node-sdk';
import type { AxiosInstance } from 'axios';
import { log } from '../../log.ts';
import { sdkLogger } from './client.ts';
import type { FeishuConfig } from './config.ts';

export interface LongConnection {
  /** Resolves after the first successful handshake; rejects on a fatal error. */
  ready: Promise<void>;
  status(): ReturnType<lark.WSClient['getConnectionStatus']>;
  close(): void;
}

export interface LongConnectionOptions {
  config: FeishuConfig;
  dispatcher: lark.EventDispatcher;
  httpInstance: AxiosInstance;
  /** Seconds without any inbound frame after a ping before the socket is recycled. */
  pingTimeoutSec?: number;
  handshakeTimeoutMs?: number;
}

export function startLongConnection(opts: LongConnectionOptions): LongConnection {
  const { config } = opts;
  if (!/^cli_[0-9a-fA-F]{16}$/.test(config.appId)) {
    // WSClient.start() would only log "invalid appId" and return, leaving a bot that hears nothing.
    throw new Error(`FEISHU_APP_ID “${config.appId}” 不是自建应用的 App ID（cli_ 加 16 位十六进制），长连接无法启动`);
  }
  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => undefined);
  const client = new lark.WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: config.domain,
    httpInstance: opts.httpInstance as unknown as lark.HttpInstance,
    logger: sdkLogger,
    loggerLevel: lark.LoggerLevel.warn,
    autoReconnect: true,
    handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 15_000,
    wsConfig: { pingTimeout: opts.pingTimeoutSec ?? 60 },
    source: 'duban',
    onReady: () => {
      log.info('feishu long connection ready', { appId: config.appId });
      resolveReady();
    },
    onReconnecting: () => log.warn('feishu long connection lost; reconnecting'),
    onReconnected: () => log.info('feishu long connection re-established'),
    onError: (err: Error) => {
      log.error('feishu long connection failed for good; check FEISHU_APP_ID/SECRET, that the app is published and “使用长连接接收事件” is selected', {
        err: err.message,
      });
      rejectReady(err);
    },
  });
  void client.start({ eventDispatcher: opts.dispatcher }).catch((err: unknown) => {
    log.error('feishu long connection start failed', { err: String(err) });
    rejectReady(err instanceof Error ? err : new Error(String(err)));
  });
  return {
    ready,
    status: () => client.getConnectionStatus(),
    close: () => client.close({ force: true }),
  };
}
