import { ZeroAddress } from "ethers";

import { ModelLaunchFactory__factory } from "./contracts.js";
import type { ProtocolContext } from "./context.js";
import { moduleIo } from "./module.js";
import { OfferingNotFoundError } from "./offering/errors.js";
import { getModel } from "./registry/reads.js";
import type { ModelRef } from "./registry/types.js";

// A launched model's contracts as the launch factory records them, found by the model's slug or id: what the
// offering, revenue and governance actions start from. Internal to the SDK.

/** The most launched models read in one call of `launchedModels`. */
export const LAUNCH_PAGE = 100;

const io = moduleIo([ModelLaunchFactory__factory.createInterface()]);

/** How a model was launched: an Initial Model Offering (a sale) or a bonding curve (`IModelLaunchFactory.LaunchKind`). */
export type LaunchKind = "offering" | "curve";

/** `IModelLaunchFactory.LaunchKind`, in its declaration order. */
const KINDS: readonly LaunchKind[] = ["offering", "curve"];

/** One launch as the factory records it, with the model's slug and its kind. */
export interface LaunchRecord {
  model: bigint;
  slug: string;
  /** A sale (`offering` is a ModelOffering) or a bonding curve (`offering` is the BondingCurve). */
  kind: LaunchKind;
  token: string;
  offering: string;
  governor: string;
  timelock: string;
}

/**
 * The launch of `model`; a model that has not been launched is refused with {@link OfferingNotFoundError}, which
 * says it has `lacking` ("no offering", "no DAO"...), what the caller looked for.
 */
export async function findLaunch(context: ProtocolContext, model: ModelRef, lacking: string): Promise<LaunchRecord> {
  const info = await getModel(context, model);
  const launch = await io.read(() => context.factory.launchOf(info.id));
  // The factory records a launch's contracts together: an unlaunched model has none of them.
  if (launch.offering === ZeroAddress) {
    throw new OfferingNotFoundError(`${info.slug} (model #${info.id}) has not been launched: it has ${lacking}.`);
  }
  const kind = await io.read(() => context.factory.kindOf(info.id));
  return record(info.id, info.slug, launch, kind);
}

/** Every launch, in launch order; all reads go out together (one JSON-RPC batch per round over HTTP). */
export async function readLaunches(context: ProtocolContext): Promise<LaunchRecord[]> {
  const count = Number(await io.read(() => context.factory.launchCount()));
  const pages: Promise<bigint[]>[] = [];
  for (let offset = 0; offset < count; offset += LAUNCH_PAGE) {
    pages.push(io.read(() => context.factory.launchedModels(offset, LAUNCH_PAGE)));
  }
  const models = (await Promise.all(pages)).flat();
  return Promise.all(
    models.map(async (model) => {
      const [launch, kind, info] = await Promise.all([
        io.read(() => context.factory.launchOf(model)),
        io.read(() => context.factory.kindOf(model)),
        getModel(context, model),
      ]);
      return record(model, info.slug, launch, kind);
    }),
  );
}

function record(
  model: bigint,
  slug: string,
  launch: { token: string; offering: string; governor: string; timelock: string },
  kind: bigint,
): LaunchRecord {
  return {
    model,
    slug,
    kind: KINDS[Number(kind)] ?? "offering",
    token: launch.token,
    offering: launch.offering,
    governor: launch.governor,
    timelock: launch.timelock,
  };
}
