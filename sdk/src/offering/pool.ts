import type { IModelOffering, ModelOffering } from "../contracts.js";
import { decodeRevert, SdkError } from "../errors.js";
import { io, offeringInterface } from "./internal.js";
import type { OfferingPoolView, PoolOpenedView } from "./types.js";

// A sale's pool as the sale itself knows it: the terms in its configuration, its address (known from launch), and
// what the finalisation did, from the sale's PoolOpened or PoolNotOpened event. Internal: the offering's reads and
// the market module share it.

/**
 * The pool of the sale `offering` (its configuration `config`, read by the caller), with the finalisation's outcome
 * read from the sale's events from `fromBlock` on; undefined for a sale without a pool.
 */
export async function readOfferingPool(
  offering: ModelOffering,
  config: IModelOffering.ConfigStructOutput,
  fromBlock: number,
): Promise<OfferingPoolView | undefined> {
  if (config.pool.tokens === 0n) return undefined;
  const [pair, market, opened, notOpened] = await io.read(() =>
    Promise.all([
      offering.pool(),
      offering.market(),
      offering.queryFilter(offering.filters.PoolOpened(), fromBlock),
      offering.queryFilter(offering.filters.PoolNotOpened(), fromBlock),
    ]),
  );
  const view: OfferingPoolView = {
    terms: {
      reserve: config.pool.tokens,
      proceedsBps: Number(config.pool.proceedsBps),
      lockDuration: Number(config.pool.lockDuration),
    },
    pair,
    lock: market.lock,
  };
  // A sale is finalised once, so it logs one of the two events at most.
  const [event] = opened;
  if (event) {
    const opening: PoolOpenedView = {
      tokens: event.args.tokens,
      quote: event.args.quote,
      liquidity: event.args.liquidity,
      lockId: event.args.lockId,
      unlockAt: new Date(Number(event.args.unlockAt) * 1000),
      transaction: event.transactionHash,
    };
    view.opened = opening;
  }
  const [failure] = notOpened;
  if (failure) view.notOpened = { reason: failure.args.reason, message: reasonInWords(failure.args.reason) };
  return view;
}

/** The pool step's revert data in words when it is one of the protocol's errors (or a reason string). */
function reasonInWords(data: string): string | undefined {
  if (data === "0x") return undefined;
  const decoded = decodeRevert({ code: "CALL_EXCEPTION", data }, [offeringInterface]);
  return decoded instanceof SdkError ? decoded.shortMessage : undefined;
}
