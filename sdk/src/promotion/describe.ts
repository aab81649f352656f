import { formatAmount } from "../amounts.js";
import type { PromotionBindingView, PromotionStatusView } from "./types.js";

// The sentences that say why a promotion would fail now, or what it would do: one per `IPromotion.Status`.

/** A bounty in words: "100 USDC", or "no bounty". */
export function describeBounty(amount: bigint, binding: Pick<PromotionBindingView, "bountyToken">): string {
  const token = binding.bountyToken;
  if (!token || amount === 0n) return "no bounty";
  return `${formatAmount(amount, token.decimals)} ${token.symbol}`;
}

/**
 * The status of a subnet's promotion in a sentence: what `promote` would publish and credit, or why it would fail
 * ("UID 3 has led 1 of 2 epochs in a row ...").
 *
 * @example
 * import { createClient, describePromotionStatus, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * console.log(describePromotionStatus(await client.promotion.status(1)));
 */
export function describePromotionStatus(view: Omit<PromotionStatusView, "reason">): string {
  const { netuid, binding, leader } = view;
  const model = binding.slug || `model #${binding.model}`;
  const uid = `UID ${leader?.uid}`;
  switch (view.status) {
    case "ready": {
      const parent = view.parent
        ? `, child of ${view.parentDeclared ? "the version its miner declared" : "the latest version"} (${view.parent.model === binding.model ? "" : `model #${view.parent.model} `}version ${view.parent.index})`
        : "";
      return `${uid} has led ${leader?.streak} of ${view.minStreak} epochs in a row with its candidate: promote publishes it as ${model}@${view.tag}${parent}, crediting ${describeBounty(view.bounty, binding)} to its coldkey.`;
    }
    case "not-bound":
      return `Subnet ${netuid} is not bound to a model.`;
    case "subnet-owner-changed":
      return `Subnet ${netuid} changed hands since it was bound: nothing is promoted until the owner of ${model} binds it again.`;
    case "not-publisher":
      return `Promotion is no longer a publisher of ${model}: its owner grants it again (registry setPublisher) or revokes the binding.`;
    case "no-leader":
      return `No completed epoch of subnet ${netuid} has a leader yet: every incentive was zero, or no epoch has completed.`;
    case "no-candidate":
      return `${uid} leads but has no candidate: it publishes one, which counts from the next epoch that starts after it.`;
    case "candidate-changed":
      return `${uid} leads but published a new candidate after the last epoch: its streak starts again with the next epoch.`;
    case "streak-too-short":
      return `${uid} has led ${leader?.streak} of ${view.minStreak} epochs in a row with its candidate: ${view.minStreak - (leader?.streak ?? 0n)} more to go.`;
    case "already-promoted":
      return `${uid}'s candidate is a version of ${model} already: the same weights are never promoted twice.`;
    case "tag-taken":
      return `Another version of ${model} is tagged ${view.tag} already: the registry refuses it; the next epoch brings a new tag.`;
    case "parent-deprecated":
      return `${uid}'s declared parent (model #${view.parent?.model} version ${view.parent?.index}) is deprecated: its miner declares another or withdraws it.`;
  }
}
