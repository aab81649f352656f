import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { AddressLike, Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { IModelToken, ModelToken } from "../../types/typechain/index.js";
import { cidOf, DAY, ETH, USDC } from "../fixtures/constants.js";
import { deployLaunched, impersonate, saleStart, type RevenueParams } from "../fixtures/launch.js";

// Fixtures shared by the revenue tests: tokens made by MockTokenLauncher for a model that `dao` registered (so
// `dao` is each token's DAO and every holder is chosen by the test), and a real launch through the factory, with a
// treasury and a team vesting wallet; and the rules of exclusion every such token keeps.

/** A power of two: balances that are multiples of it share deposits without rounding. */
export const U = 2n ** 60n;

type Allocation = IModelToken.AllocationStruct;

export const allocation = (
  account: { address: string } | string,
  amount: bigint,
  forwardsRevenue = false,
): Allocation => ({
  account: typeof account === "string" ? account : account.address,
  amount,
  forwardsRevenue,
  excluded: false,
});

export function revenueParams(overrides: Partial<RevenueParams> = {}): RevenueParams {
  return { reserveBps: 0, streamDuration: 0, assets: [], ...overrides };
}

/** Builders of revenue fixtures on `connection`; wrap them in named functions for `loadFixture`. */
export function revenueFixtures(connection: NetworkConnection) {
  const { ethers } = connection;

  /** A registry whose model 1 `dao` owns, the token implementation and a launcher of its clones; `payer` holds USDC. */
  async function protocol() {
    const [dao, alice, bob, carol, dave, payer, stranger, recipient] = await ethers.getSigners();
    const registry = await ethers.deployContract("ModelRegistry");
    const implementation = await ethers.deployContract("ModelToken");
    const launcher = await ethers.deployContract("MockTokenLauncher", [implementation]);
    await registry.connect(dao).register("revenue-model", cidOf("card"), "MIT");
    const usdc = await ethers.deployContract("MockStablecoin");
    await usdc.mint(payer, USDC(10_000_000_000));
    return { registry, implementation, launcher, usdc, dao, alice, bob, carol, dave, payer, stranger, recipient };
  }

  type Protocol = Awaited<ReturnType<typeof protocol>>;

  /** A token for the protocol's model, made and initialised in one transaction; `payer` has approved it for USDC. */
  async function token(
    p: Protocol,
    allocations: Allocation[],
    revenue: Partial<RevenueParams> = {},
  ): Promise<ModelToken> {
    const args = [p.registry, 1n, "Revenue Model", "REV", allocations, revenueParams(revenue)] as const;
    const address = await p.launcher.create.staticCall(...args);
    await p.launcher.create(...args);
    const made = await ethers.getContractAt("ModelToken", address);
    await p.usdc.connect(p.payer).approve(made, ethers.MaxUint256);
    return made;
  }

  /**
   * A launch through the factory: 1M tokens, 300k for sale (ETH), 200k to the treasury (the DAO's timelock),
   * 300k to `lp`, and 200k vesting over a year to `member`; ETH and a stablecoin are revenue.
   */
  async function launch(revenue: Partial<RevenueParams> = {}) {
    const [team, member, lp, payer, stranger] = await ethers.getSigners();
    let usdcAddress = "";
    const l = await deployLaunched(connection, {
      team,
      registration: { slug: "launched-model", card: cidOf("launched") },
      launch: async () => {
        const coin = await ethers.deployContract("MockStablecoin");
        await coin.mint(payer, USDC(10_000_000));
        usdcAddress = await coin.getAddress();
        return {
          start: await saleStart(connection),
          name: "Launched Model",
          symbol: "LNCH",
          treasuryAmount: ETH(200_000),
          liquidityAmount: ETH(300_000),
          liquidityRecipient: lp.address,
          team: [{ beneficiary: member.address, amount: ETH(200_000) }],
          dao: { votingPeriod: BigInt(DAY), proposalThreshold: 0n },
          timelockDelay: BigInt(DAY),
          revenue: { assets: [usdcAddress], ...revenue },
        };
      },
    });
    const usdc = await ethers.getContractAt("MockStablecoin", usdcAddress);
    await usdc.connect(payer).approve(l.token, ethers.MaxUint256);
    return {
      token: l.token,
      usdc,
      treasury: l.launch.timelock,
      vestingWallet: l.wallets[0],
      team,
      member,
      lp,
      payer,
      stranger,
    };
  }

  /** A signer for `account` (a contract, such as the DAO's timelock), impersonated, with gas money. */
  const as = (account: string): Promise<Signer> => impersonate(connection, account, ETH(10));

  return { protocol, token, launch, as };
}

/** What every holder of `token` among `accounts` can claim of `asset`, summed. */
export async function claimableSum(token: ModelToken, asset: AddressLike, accounts: AddressLike[]): Promise<bigint> {
  let sum = 0n;
  for (const account of accounts) sum += await token.claimable(account, asset);
  return sum;
}

/**
 * Who may exclude an account from `token`'s revenue sharing, and what: the DAO alone (`stranger` is refused, trying
 * the contract `target`), and only a contract (the DAO is refused the externally owned `account`).
 */
export async function expectExclusionByTheDaoOfContractsOnly(
  token: ModelToken,
  dao: Signer,
  stranger: HardhatEthersSigner,
  target: AddressLike,
  account: HardhatEthersSigner,
): Promise<void> {
  await expect(token.connect(stranger).setExcluded(target, true))
    .to.be.revertedWithCustomError(token, "RevenueNotModelDao")
    .withArgs(stranger.address);
  await expect(token.connect(dao).setExcluded(account, true))
    .to.be.revertedWithCustomError(token, "RevenueExcludeNotContract")
    .withArgs(account.address);
}
