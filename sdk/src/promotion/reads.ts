import { getAddress, ZeroAddress } from "ethers";

import { cidFromBytes } from "../ipfs/cid.js";
import { accountOrSigner, address } from "../module.js";
import { resolveModelId } from "../registry/reads.js";
import type { ModelRef, VersionContribution, VersionRefView } from "../registry/types.js";
import { resolveUid, toNetuid } from "../subnets/internal.js";
import type { NetuidRef } from "../subnets/types.js";
import { describePromotionStatus } from "./describe.js";
import { bountyToken, io, promotion, STATUSES, toBinding } from "./internal.js";
import type { PromotionBindingView, PromotionContext, PromotionStatusView, PromotionToken } from "./types.js";

// Reading promotion: a subnet's binding, whether its leader would be promoted now (and why not), where promoted
// versions came from, the parents miners declared, and bounties credited.

/**
 * A subnet's binding: its model, the streak it needs (K), its bounty and escrow, its tag prefix. `bound` is false
 * when the subnet has none.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const binding = await client.promotion.binding(1);
 * if (binding.bound) console.log(`${binding.slug}: ${binding.minStreak} epochs in a row`);
 */
export async function getPromotionBinding(context: PromotionContext, netuid: NetuidRef): Promise<PromotionBindingView> {
  const id = toNetuid(netuid);
  const b = await io.read(() => promotion(context).bindingOf(id));
  return toBinding(context, id, b);
}

/**
 * Whether `promote` would succeed now for the subnet (the contract's `check`, which its `promote` shares), what it
 * would publish and credit, and a sentence saying why it would not ("UID 3 has led 1 of 2 epochs in a row ...").
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const status = await client.promotion.status(1);
 * console.log(status.ready ? "promote now" : status.reason);
 */
export async function getPromotionStatus(context: PromotionContext, netuid: NetuidRef): Promise<PromotionStatusView> {
  const id = toNetuid(netuid);
  const contract = promotion(context);
  const [c, b] = await io.read(() => Promise.all([contract.check(id), contract.bindingOf(id)]));
  const binding = await toBinding(context, id, b);
  const status = STATUSES[Number(c.status)];
  const hasLeader = status !== "not-bound" && status !== "no-leader" && c.hotkey !== ZeroAddress;
  const parent: VersionRefView | undefined =
    c.parent.model === 0n ? undefined : { model: c.parent.model, index: Number(c.parent.index) };
  const view: Omit<PromotionStatusView, "reason"> = {
    netuid: id,
    status,
    ready: status === "ready",
    binding,
    leader: hasLeader
      ? { uid: Number(c.uid), hotkey: getAddress(c.hotkey), coldkey: getAddress(c.coldkey), streak: c.streak }
      : undefined,
    minStreak: c.minStreak,
    epoch: c.epoch,
    weightsCid: c.weightsCid === "0x" ? undefined : cidFromBytes(c.weightsCid),
    tag: c.tag,
    parent,
    parentDeclared: c.parentDeclared,
    bounty: c.bounty,
  };
  return { ...view, reason: describePromotionStatus(view) };
}

/**
 * Where version `index` of a model came from, if a promotion published it: its subnet, UID, miner hotkey and
 * coldkey, and the epoch; undefined for a version published otherwise.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const from = await client.promotion.contribution({ model: "face-landmark-68", index: 3 });
 * if (from) console.log(`subnet ${from.netuid}, UID ${from.uid}, coldkey ${from.coldkey}`);
 */
export async function getVersionContribution(
  context: PromotionContext,
  params: { model: ModelRef; index: number },
): Promise<VersionContribution | undefined> {
  const [found] = await getVersionContributions(context, {
    model: await resolveModelId(context, params.model),
    indexes: [params.index],
  });
  return found;
}

/**
 * The contributions of several versions of one model, read in one batch of calls sent together (undefined for each
 * version a promotion did not publish).
 *
 * @example
 * import { createClient, getVersionContributions, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const found = await client.promotion.contributions({ model: 1n, indexes: [0, 1, 2] });
 */
export async function getVersionContributions(
  context: PromotionContext,
  params: { model: ModelRef; indexes: readonly number[] },
): Promise<(VersionContribution | undefined)[]> {
  const contract = promotion(context);
  const model = await resolveModelId(context, params.model);
  const read = await io.read(() => Promise.all(params.indexes.map((i) => contract.contributionOf(model, i))));
  return read.map(([promoted, c]) =>
    promoted
      ? {
          netuid: c.netuid,
          uid: Number(c.uid),
          hotkey: getAddress(c.hotkey),
          coldkey: getAddress(c.coldkey),
          epoch: c.epoch,
        }
      : undefined,
  );
}

/**
 * The parent a UID (or hotkey) declared for its current candidate, if any: a new candidate drops the declaration.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const parent = await client.promotion.declaredParent({ netuid: 1, uid: 3 });
 */
export async function getDeclaredPromotionParent(
  context: PromotionContext,
  params: { netuid: NetuidRef; uid: number | string },
): Promise<VersionRefView | undefined> {
  const id = toNetuid(params.netuid);
  const uid = await resolveUid(context, id, params.uid);
  const [declared, parent] = await io.read(() => promotion(context).declaredParentOf(id, uid));
  return declared ? { model: parent.model, index: Number(parent.index) } : undefined;
}

/**
 * Bounties of `token` credited to an account (the signer's by default) and not yet claimed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { amount, token } = await client.promotion.bountyOf({ token: usdc });
 */
export async function getPromotionBounty(
  context: PromotionContext,
  params: { token: string; account?: string },
): Promise<{ account: string; token: PromotionToken; amount: bigint }> {
  const account = await accountOrSigner(context, params.account, "Reading your bounties");
  const tokenAddress = address(params.token, "token");
  const [amount, token] = await Promise.all([
    io.read(() => promotion(context).bountyOf(account, tokenAddress)),
    bountyToken(context, tokenAddress),
  ]);
  return { account, token: token!, amount };
}
