// What every contender of the client benchmark receives and returns.

/** The loopback server and the identity every contender calls GetInstance with. */
export interface Target {
  /** Port of the loopback server on 127.0.0.1. */
  readonly port: number;
  readonly regionId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The InstanceId of the spec's GetInstance example: sent, and expected back in the body. */
  readonly instanceId: string;
}

/**
 * One GetInstance call, end to end: build and sign the request (as the contender does), send it,
 * read and parse the JSON body. Resolves to the `InstanceId` read from the parsed body, so that the
 * harness can check every single call.
 */
export type Call = () => Promise<unknown>;

/** Builds a contender's client once; the returned function is what the harness times. */
export type CreateCall = (target: Target) => Call | Promise<Call>;
