import { getAddress, type Interface, type Result, ZeroAddress } from "ethers";

import { IPaymentToken__factory, Promotion__factory } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { formatAmount } from "../amounts.js";
import { formatDuration } from "../durations.js";
import { describeEmissionSettings } from "../emission/describe.js";
import { toSettings } from "../emission/internal.js";
import {
  emissionAddress,
  emissionInterface,
  erc20Interface,
  factoryAddress,
  factoryInterface,
  governorInterface,
  promotionAddress,
  promotionInterface,
  registryAddress,
  registryInterface,
  timelockInterface,
  tokenInterface,
  type DaoRecord,
} from "./internal.js";
import type { DecodedAction } from "./types.js";

// Reads a DAO's calls back in words with the ABIs the SDK knows: the registry, the launch factory, the network
// emission, the DAO's token, timelock and governor, and ERC-20 for anything else. Internal to the governance module.

/** Decodes calls for a known DAO. */
export async function decodeActions(
  context: ProtocolContext,
  dao: DaoRecord,
  calls: { to: string; data: string; value: bigint }[],
): Promise<DecodedAction[]> {
  const registry = registryAddress(context);
  const symbols = new Map<string, Promise<{ symbol: string; decimals: number } | undefined>>();
  const erc20 = (token: string) => {
    if (!symbols.has(token)) {
      const contract = IPaymentToken__factory.connect(token, context.runner);
      symbols.set(
        token,
        Promise.all([contract.symbol(), contract.decimals()]).then(
          ([symbol, decimals]) => ({ symbol, decimals: Number(decimals) }),
          () => undefined,
        ),
      );
    }
    return symbols.get(token)!;
  };
  // The contracts whose calls are read with their own ABI; a call to any other address is read as ERC-20.
  const contracts: [string | undefined, string, Interface][] = [
    [registry, "ModelRegistry", registryInterface],
    [factoryAddress(context), "ModelLaunchFactory", factoryInterface],
    [emissionAddress(context), "NetworkEmission", emissionInterface],
    [promotionAddress(context), "Promotion", promotionInterface],
    [getAddress(dao.token), "ModelToken", tokenInterface],
    [getAddress(dao.timelock), "ModelTimelock", timelockInterface],
    [getAddress(dao.governor), "ModelGovernor", governorInterface],
  ];
  // A bounty escrow is funded in the token of the subnet's binding: the one a `bind` of the same proposal sets, else
  // the binding's on chain.
  const promotion = contracts.find(([, name]) => name === "Promotion")?.[0];
  const bountyTokens = new Map<string, string>();
  for (const { to, data } of calls) {
    if (promotion === undefined || getAddress(to) !== promotion) continue;
    const parsed = promotionInterface.parseTransaction({ data });
    if (parsed?.name === "bind") bountyTokens.set(String(parsed.args[0]), parsed.args[1].bountyToken as string);
  }
  const bountyToken = async (netuid: bigint): Promise<string | undefined> => {
    const planned = bountyTokens.get(netuid.toString());
    if (planned !== undefined) return planned;
    try {
      return (await Promotion__factory.connect(promotion!, context.runner).bindingOf(netuid)).bountyToken;
    } catch {
      return undefined;
    }
  };
  return Promise.all(
    calls.map(async ({ to, data, value }): Promise<DecodedAction> => {
      const target = getAddress(to);
      const base = { target, value, data };
      const eth = value > 0n ? ` (with ${formatAmount(value, 18)} ETH)` : "";
      if (data === "0x" || data === "") {
        return {
          ...base,
          description: `Send ${formatAmount(value, 18)} ETH from ${dao.name}'s treasury to ${target}.`,
        };
      }
      const found = contracts.find(([address]) => address === target);
      const known: [string, Interface][] = [found ? [found[1], found[2]] : ["ERC-20", erc20Interface]];
      for (const [contract, iface] of known) {
        const parsed = iface.parseTransaction({ data, value });
        if (!parsed) continue;
        const args = parsed.args.map((arg: unknown) => show(arg));
        const token =
          contract === "ERC-20" || contract === "ModelToken"
            ? target
            : contract === "Promotion" && parsed.name === "bind"
              ? (parsed.args[1].bountyToken as string)
              : contract === "Promotion" && parsed.name === "fund"
                ? await bountyToken(parsed.args[0] as bigint)
                : undefined;
        const info = token !== undefined && token !== ZeroAddress ? await erc20(token) : undefined;
        const on = contract === "ERC-20" ? target : `${contract} ${target}`;
        const said =
          say(dao, contract, parsed.name, parsed.args, info, promotion) ??
          `Call ${parsed.name}(${args.join(", ")}) on ${on}.`;
        return {
          ...base,
          contract,
          signature: parsed.signature,
          args,
          // The value sent, if any, ends the sentence.
          description: `${said.replace(/\.$/, "")}${eth}.`,
        };
      }
      return { ...base, description: `Call ${target} with data ${data.slice(0, 10)}... (not decoded)${eth}.` };
    }),
  );
}

function say(
  dao: DaoRecord,
  contract: string,
  name: string,
  a: Result,
  token: { symbol: string; decimals: number } | undefined,
  promotion: string | undefined,
): string | undefined {
  const amount = (value: bigint) =>
    token ? `${formatAmount(value, token.decimals)} ${token.symbol}` : `${value} units`;
  const days = (value: bigint) => formatDuration(Number(value));
  switch (`${contract}.${name}`) {
    case "ModelRegistry.publish":
      return `Publish version ${a[1].tag} of model #${a[0]}`;
    case "ModelRegistry.deprecate":
      return `Deprecate version #${a[1]} of model #${a[0]}: "${a[2]}"`;
    case "ModelRegistry.undeprecate":
      return `Lift the deprecation of version #${a[1]} of model #${a[0]}`;
    case "ModelRegistry.setPublisher":
      return a[2]
        ? `Let ${a[1] === promotion ? `Promotion (${a[1]})` : a[1]} publish versions of model #${a[0]}`
        : `Revoke ${a[1]}'s right to publish versions of model #${a[0]}`;
    case "ModelRegistry.safeTransferFrom":
    case "ModelRegistry.transferFrom":
      return `Transfer model #${a[2]} from ${a[0]} to ${a[1]}`;
    case "ModelRegistry.setMetadata":
      return `Replace the model card of model #${a[0]}`;
    case "ModelToken.transfer":
    case "ERC-20.transfer":
      return `Send ${amount(a[1])} from ${dao.name}'s treasury to ${a[0]}`;
    case "ModelToken.approve":
    case "ERC-20.approve":
      return `Let ${a[0]} spend ${amount(a[1])} of ${dao.name}'s treasury`;
    case "ModelToken.allowAsset":
      return `Accept ${a[0]} as revenue of ${dao.name}'s token`;
    case "ModelToken.removeAsset":
      return `Stop accepting ${a[0]} as revenue of ${dao.name}'s token`;
    case "ModelToken.setStreamDuration":
      return `Release new revenue in ${a[0]} of ${dao.name}'s token ${a[1] === 0n ? "at once" : `over ${days(a[1])}`}`;
    case "ModelToken.setExcluded":
      return a[1]
        ? `Exclude ${a[0]} from ${dao.name}'s revenue sharing`
        : `Include ${a[0]} in ${dao.name}'s revenue sharing again`;
    case "ModelToken.recoverSurplus":
      return `Send the surplus of ${a[0]} held by ${dao.name}'s token to ${a[1]}`;
    case "ModelGovernor.setVotingDelay":
      return `Set ${dao.name}'s voting delay to ${days(a[0])}`;
    case "ModelGovernor.setVotingPeriod":
      return `Set ${dao.name}'s voting period to ${days(a[0])}`;
    case "ModelGovernor.setProposalThreshold":
      return `Set ${dao.name}'s proposal threshold to ${formatAmount(a[0], 18)} tokens of votes`;
    case "ModelGovernor.updateQuorumNumerator":
      return `Set ${dao.name}'s quorum to ${a[0]}% of the supply`;
    case "ModelLaunchFactory.setFee":
      return `Set the protocol fee of later launches to ${Number(a[1]) / 100}% of sale proceeds, paid to ${a[0]}`;
    case "ModelLaunchFactory.setImplementations":
      return `Make later launches clone new implementations (token ${a[0]}, offering ${a[1]}, vesting ${a[2]}, governor ${a[3]}, timelock ${a[4]}, curve ${a[5]})`;
    case "ModelLaunchFactory.transferOwnership":
      return `Hand the launch factory's ownership to ${a[0]}`;
    case "NetworkEmission.setSettings":
      return `Set the network emission's settings from the next period on: ${describeEmissionSettings(toSettings(a[0]))}`;
    case "Promotion.bind":
      return `Bind subnet ${a[0]} to model #${a[1].model}: its leader, after ${a[1].minStreak} completed epochs in a row with one candidate, is published as the next version, tagged ${a[1].tagPrefix || `sn${a[0]}-e`}<epoch>${a[1].bounty === 0n ? "" : `, with a bounty of ${amount(a[1].bounty)}${token ? "" : ` of ${a[1].bountyToken}`} to its miner's coldkey`}`;
    case "Promotion.revoke":
      return `Revoke subnet ${a[0]}'s binding, its escrow returned to ${dao.name}'s treasury`;
    case "Promotion.fund":
      return `Add ${token ? amount(a[1]) : `${a[1]} bounty token units`} from ${dao.name}'s treasury to subnet ${a[0]}'s bounty escrow`;
    case "ModelTimelock.updateDelay":
      return `Set ${dao.name}'s timelock delay to ${days(a[0])}`;
    default:
      return undefined;
  }
}

function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  return typeof value === "bigint" ? value.toString() : String(value);
}
