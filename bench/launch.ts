// The launch every gas benchmark measures against: a 1M-token model with a 300k-token ETH sale over a week,
// three vested team members, and the DAO settings of deploy/launches/face-landmark-68.json. It is the tests'
// launch (test/fixtures/launch.ts) with the benchmarks' names, split and team.
import type { Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { DAY, TOKENS } from "../test/fixtures/constants.js";
import {
  deployProtocolFixture,
  launchParams,
  type LaunchParams,
  type Protocol,
  type RevenueParams,
} from "../test/fixtures/launch.js";

/** What differs between benchmarks: the split of the 400k tokens not sold or vested, and revenue settings. */
export interface BenchLaunchOptions {
  model: bigint;
  /** The sale opens at this time (unix seconds) and lasts seven days; vesting starts at its end. */
  start: number;
  /** Three team members, each vested 100k tokens over a year after a 90-day cliff. */
  team: Signer[];
  treasuryAmount: bigint;
  liquidityAmount: bigint;
  liquidityRecipient?: string;
  /** The pool the sale opens with the liquidity reserve; none unless given. */
  pool?: LaunchParams["pool"];
  revenue?: RevenueParams;
}

export async function benchLaunchParams(options: BenchLaunchOptions): Promise<LaunchParams> {
  return launchParams({
    start: options.start,
    model: options.model,
    name: "Bench Model",
    symbol: "BENCH",
    supply: TOKENS(1_000_000),
    treasuryAmount: options.treasuryAmount,
    liquidityAmount: options.liquidityAmount,
    liquidityRecipient: options.liquidityRecipient,
    pool: options.pool,
    team: await Promise.all(
      options.team.map(async (member) => ({
        beneficiary: await member.getAddress(),
        amount: TOKENS(100_000),
        cliff: 90n * BigInt(DAY),
      })),
    ),
    revenue: options.revenue,
  });
}

/** The protocol deployed on `connection` for a benchmark, the first account having approved the factory. */
export async function benchProtocol(connection: NetworkConnection): Promise<Protocol> {
  const protocol = await deployProtocolFixture(connection);
  await (await protocol.registry.setApprovalForAll(protocol.factory, true)).wait();
  return protocol;
}
