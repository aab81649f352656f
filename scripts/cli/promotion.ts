// What the promotion commands share: a bounty token named by address or symbol, a binding's rule in words, and the
// refusal that sends a DAO-owned model's binding through a proposal.
import { isAddress } from "ethers";

import { describeBounty, type Client, type PromotionBindingView } from "../../sdk/src/index.js";
import { CliError } from "./output.js";
import { units } from "./subnet.js";

/**
 * A bounty token given as an address, or as the symbol of one of the subnet's tokens (its reward or stake token).
 */
export async function bountyTokenArg(client: Client, netuid: bigint, text: string): Promise<string> {
  const symbol = text.toLowerCase();
  if (isAddress(text)) return text;
  const subnet = await client.subnets.getSubnet(netuid);
  const known: { address: string; symbol: string }[] = [subnet.rewardToken, subnet.stakeToken];
  const found = known.find((t) => t.symbol.toLowerCase() === symbol);
  if (!found)
    throw new CliError(
      `"${symbol}" is neither a token address nor the symbol of subnet ${netuid}'s tokens (${[...new Set(known.map((t) => t.symbol))].join(", ")}).`,
      "Give the bounty token's address.",
    );
  return found.address;
}

/** A binding's rule in words: "face-landmark-68, 3 epochs in a row, bounty 100 USDC (escrow 500 USDC), tags sn1-e<epoch>". */
export function describeRule(b: PromotionBindingView): string {
  const escrow = b.bountyToken ? ` (escrow ${units(b.escrow, b.bountyToken)})` : "";
  return `${b.slug} (#${b.model}): a leader of ${b.minStreak} completed epoch${b.minStreak === 1 ? "" : "s"} in a row with one candidate is promoted, tagged ${b.tagPrefix}<epoch>; bounty ${describeBounty(b.bounty, b)}${escrow}`;
}

/**
 * Refuses a binding change that the signer cannot make directly: when a launched model's DAO owns the model, says
 * so and gives the `gov propose` command that makes it; when someone else owns it, names them.
 */
export async function requireModelOwner(
  client: Client,
  account: string,
  model: bigint,
  what: string,
  proposal: string,
): Promise<{ slug: string }> {
  const info = await client.registry.getModel(model);
  if (info.owner.toLowerCase() === account.toLowerCase()) return { slug: info.slug };
  const dao = await client.governance.getDao(info.slug).catch(() => undefined);
  if (dao && dao.timelock.toLowerCase() === info.owner.toLowerCase()) {
    throw new CliError(
      `${info.slug} is owned by its DAO (timelock ${dao.timelock}): ${what} through a proposal.`,
      `npx hardhat gov propose ${info.slug} ${proposal} --description proposal.md`,
    );
  }
  throw new CliError(`${info.slug} is owned by ${info.owner}, not by you (${account}): only its owner can ${what}.`);
}
