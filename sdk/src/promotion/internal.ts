import { getAddress, ZeroAddress, type Interface } from "ethers";

import {
  ModelRegistry__factory,
  ModelToken__factory,
  Promotion__factory,
  Subnets__factory,
  type Promotion,
} from "../contracts.js";
import { moduleIo } from "../module.js";
import { readToken } from "../subnets/internal.js";
import { PromotionNotDeployedError } from "./errors.js";
import type { PromotionBindingView, PromotionContext, PromotionStatusName, PromotionToken } from "./types.js";

// What the promotion actions share: the contract and the interfaces its reverts come from (its own, the registry's
// for versions that do not exist, the subnets' and ERC-20 errors of bounty tokens), bindings as the SDK writes them,
// and approvals of a bounty token. Internal: not exported from the SDK.

export const promotionInterface: Interface = Promotion__factory.createInterface();

export const io = moduleIo([
  promotionInterface,
  ModelRegistry__factory.createInterface(),
  Subnets__factory.createInterface(),
  ModelToken__factory.createInterface(),
]);

/** `IPromotion.Status` in the contract's declaration order. */
export const STATUSES: readonly PromotionStatusName[] = [
  "ready",
  "not-bound",
  "subnet-owner-changed",
  "no-leader",
  "no-candidate",
  "candidate-changed",
  "streak-too-short",
  "already-promoted",
  "parent-deprecated",
  "not-publisher",
  "tag-taken",
];

/** The Promotion contract of the context's deployment; a deployment without one is refused. */
export function promotion(context: PromotionContext): Promotion {
  return Promotion__factory.connect(promotionAddress(context), context.runner);
}

/** Promotion's address: the emitter of its events and the publisher of promoted versions. */
export function promotionAddress(context: PromotionContext): string {
  const found = context.deployment?.contracts.Promotion;
  if (!found) {
    throw new PromotionNotDeployedError("The protocol's deployment on this chain has no Promotion contract.", {
      details:
        "Deploy the protocol again (npx hardhat protocol deploy), or use a deployments file that records Promotion.",
    });
  }
  return getAddress(found.address);
}

/** A bounty token with its symbol and decimals; none for the zero address. */
export async function bountyToken(context: PromotionContext, token: string): Promise<PromotionToken | undefined> {
  return token === ZeroAddress ? undefined : readToken(context, token);
}

/** A binding as `bindingOf` returns it, with its model's slug and its token read. */
export async function toBinding(
  context: PromotionContext,
  netuid: bigint,
  b: Awaited<ReturnType<Promotion["bindingOf"]>>,
): Promise<PromotionBindingView> {
  const bound = b.model !== 0n;
  const [slug, token] = await Promise.all([
    bound ? io.read(() => context.registry.getModel(b.model)).then((m) => m.slug) : Promise.resolve(""),
    bountyToken(context, b.bountyToken),
  ]);
  return {
    netuid,
    bound,
    model: b.model,
    slug,
    subnetOwner: getAddress(b.subnetOwner),
    minStreak: Number(b.minStreak),
    bountyToken: token,
    bounty: b.bounty,
    escrow: b.escrow,
    boundAt: b.boundAt,
    promotions: b.promotions,
    tagPrefix: b.tagPrefix,
  };
}
