// Gas of the markets that follow launches, whole-transaction, against the published Uniswap V2 contracts the
// protocol deploys: a launch whose sale opens a pool, the finalisation that creates, seeds and locks it, and a
// holder's trades in it through the router.
import type { NetworkConnection } from "hardhat/types/network";

import { UNISWAP } from "../deploy/uniswap.js";
import { ModelOffering__factory, ModelToken__factory } from "../sdk/src/contracts.js";
import { BondingCurve__factory } from "../types/typechain/index.js";
import { DAY, ONE, TOKENS } from "../test/fixtures/constants.js";
import { curveLaunchParams } from "../test/fixtures/curve.js";
import { benchLaunchParams, benchProtocol } from "./launch.js";
import { gasOf, type GasEntry } from "./registry.js";

export async function measureMarket(connection: NetworkConnection): Promise<GasEntry[]> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [team, ...investors] = signers;
  const protocol = await benchProtocol(connection);
  const { registry, factory, deployment } = protocol;
  const entries: GasEntry[] = [];

  const start = (await networkHelpers.time.latest()) + 100;
  const end = start + 7 * DAY;
  // 20% of the proceeds beside the 100k-token reserve, the pool shares locked for a year.
  const launchParams = (model: bigint) =>
    benchLaunchParams({
      model,
      start,
      team: signers.slice(17, 20),
      treasuryAmount: 300_000n * ONE,
      liquidityAmount: 100_000n * ONE,
      pool: { proceedsBps: 2_000, lockDuration: 365 * DAY },
    });
  for (const slug of ["bench-market", "bench-market-2"]) {
    await (await registry.register(slug, `0x01551220${"33".repeat(32)}`, "MIT")).wait();
  }
  await gasOf(factory.launch(await launchParams(1n)));
  entries.push({
    name: "offering.launch.withPool",
    gas: await gasOf(factory.launch(await launchParams(2n))),
    target: 1_500_000,
  });
  const launch = await factory.launchOf(2n);
  const offering = ModelOffering__factory.connect(launch.offering, team);
  const token = ModelToken__factory.connect(launch.token, team);
  await networkHelpers.time.increaseTo(start);
  for (let i = 0; i < 4; i++) await gasOf(offering.connect(investors[i]).depositETH([], { value: 20n * ONE }));
  await networkHelpers.time.increaseTo(end);
  entries.push({ name: "market.seed", gas: await gasOf(offering.finalize()), target: 3_000_000 });

  // A holder's trades through Uniswap V2's router: its second sale, and a buy back.
  const router = new ethers.Contract(deployment.contracts.UniswapV2Router02!.address, UNISWAP.router.abi, team);
  const weth = deployment.contracts.WETH9!.address;
  const holder = investors[0];
  await gasOf(offering.settle(holder.address));
  await gasOf(token.connect(holder).approve(router.target, ethers.MaxUint256));
  const sell = () =>
    (router.connect(holder) as typeof router).swapExactTokensForETH(
      1_000n * ONE,
      0n,
      [token.target, weth],
      holder.address,
      end + 30 * DAY,
    );
  await gasOf(sell());
  entries.push({ name: "market.swap.sell", gas: await gasOf(sell()) });
  entries.push({
    name: "market.swap.buy",
    gas: await gasOf(
      (router.connect(holder) as typeof router).swapExactETHForTokens(
        0n,
        [weth, token.target],
        holder.address,
        end + 30 * DAY,
        { value: ONE / 10n },
      ),
    ),
  });

  // A curve launch (the third model: 800k tokens on a curve over a 30 ETH virtual reserve, graduating at 60 ETH,
  // with 200k for the pool), a holder's repeat trades on it, and the graduation that creates, seeds and locks the pool.
  await (await registry.register("bench-curve", `0x01551220${"44".repeat(32)}`, "MIT")).wait();
  const deadline = BigInt(await networkHelpers.time.latest()) + 30n * BigInt(DAY);
  const curveParams = curveLaunchParams({
    deadline,
    team: signers.slice(17, 20).map((member) => ({
      beneficiary: member.address,
      amount: TOKENS(100_000),
      start: deadline,
      cliff: 90n * BigInt(DAY),
      duration: 365n * BigInt(DAY),
    })),
  });
  curveParams.model = 3n;
  entries.push({ name: "curve.launch", gas: await gasOf(factory.launchCurve(curveParams)), target: 1_500_000 });
  const curve = BondingCurve__factory.connect((await factory.launchOf(3n)).offering, team);
  // Past the opening fee's blocks, a holder buys a second time and sells part back.
  await networkHelpers.mine(20);
  const trader = investors[5];
  const far = 2n ** 40n;
  await gasOf(curve.connect(trader).buy(ONE, 0n, far, { value: ONE }));
  const curveToken = ModelToken__factory.connect((await factory.launchOf(3n)).token, trader);
  await gasOf(curveToken.approve(curve.target, ethers.MaxUint256));
  entries.push({
    name: "curve.buy",
    gas: await gasOf(curve.connect(trader).buy(ONE, 0n, far, { value: ONE })),
    target: 100_000,
  });
  entries.push({
    name: "curve.sell",
    gas: await gasOf(curve.connect(trader).sell(TOKENS(1_000), 0n, far)),
    target: 100_000,
  });
  // Buyers fill the curve to its target; anyone graduates it.
  await gasOf(curve.connect(investors[6]).buy(70n * ONE, 0n, far, { value: 70n * ONE }));
  entries.push({ name: "curve.graduate", gas: await gasOf(curve.graduate()), target: 3_500_000 });
  return entries;
}
