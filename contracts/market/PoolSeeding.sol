// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IUniswapV2Factory, IUniswapV2Pair} from "../interfaces/IUniswapV2.sol";

/// @title PoolSeeding
/// @notice Opens a Uniswap V2 pool of a launch's token at a given price, through the pair itself rather than the
/// router, so that whatever someone put in the pair beforehand cannot set the price the launch's liquidity enters at.
///
/// The router adds liquidity at the pair's current reserves. Anyone can create a launch's pair before the launch seeds
/// it and put quote tokens in it (a donation, `sync`ed into the reserves): the router would then refuse (one reserve
/// zero) or seed at the donor's price. Here the seed sends the pair what brings its balances to the launch's price
/// (a donation synced into the reserves counts toward the quote side, so the launch sends less quote; one not synced
/// is first skimmed back to the seeder) and mints: the pool opens at the price to the unit of rounding, and a donor
/// only gives its donation to the pool's shares, which the launch holds.
library PoolSeeding {
    using SafeERC20 for IERC20;

    /// Uniswap V2's shares locked for ever when a pair first mints.
    uint256 private constant MINIMUM_LIQUIDITY = 1000;

    /// @notice Someone holds shares of the pair already (it was opened before the launch seeded it).
    error PoolSeedingAlreadyOpen(address pair, uint256 totalSupply);

    /// @notice Nothing to seed: `tokenUsed` tokens and `quoteUsed` quote would enter.
    error PoolSeedingEmpty(uint256 tokenUsed, uint256 quoteUsed);

    /// @notice What a seed did.
    struct Seeded {
        address pair;
        uint256 liquidity;
        uint256 tokenUsed;
        uint256 quoteUsed;
    }

    /// @notice Seeds the pair of `token` and `quote` (created if needed) at `priceNum / priceDen` quote units per token
    /// unit with at most `tokenAmount` tokens and `quoteAmount` quote that this contract holds; the pool shares go to
    /// `to`. What does not enter stays with this contract (with anything a donor had left unsynced in the pair).
    function seed(
        IUniswapV2Factory factory,
        IERC20 token,
        IERC20 quote,
        uint256 tokenAmount,
        uint256 quoteAmount,
        uint256 priceNum,
        uint256 priceDen,
        address to
    ) internal returns (Seeded memory s) {
        s.pair = factory.getPair(address(token), address(quote));
        if (s.pair == address(0)) s.pair = factory.createPair(address(token), address(quote));
        IUniswapV2Pair pair = IUniswapV2Pair(s.pair);
        uint256 supply = pair.totalSupply();
        if (supply != 0) revert PoolSeedingAlreadyOpen(s.pair, supply);
        // A donation not synced would enter as ours at the donor's ratio: it comes back here first.
        pair.skim(address(this));
        (s.tokenUsed, s.quoteUsed) = _amounts(pair, address(token), tokenAmount, quoteAmount, priceNum, priceDen);
        if (s.tokenUsed == 0 || s.tokenUsed > tokenAmount || s.quoteUsed > quoteAmount) {
            revert PoolSeedingEmpty(s.tokenUsed, s.quoteUsed);
        }
        token.safeTransfer(s.pair, s.tokenUsed);
        if (s.quoteUsed != 0) quote.safeTransfer(s.pair, s.quoteUsed);
        s.liquidity = pair.mint(to);
    }

    /// What brings the pair's balances to the price: as many tokens as the price lets both sides pay for, then the
    /// quote that prices them, rounded up so that the pool never opens below the price; less what the reserves hold.
    function _amounts(
        IUniswapV2Pair pair,
        address token,
        uint256 tokenAmount,
        uint256 quoteAmount,
        uint256 priceNum,
        uint256 priceDen
    ) private view returns (uint256 tokenUsed, uint256 quoteUsed) {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (uint256 tokenReserve, uint256 quoteReserve) =
            pair.token0() == token ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 tokens =
            Math.min(tokenReserve + tokenAmount, Math.mulDiv(quoteReserve + quoteAmount, priceDen, priceNum));
        uint256 quotes = Math.mulDiv(tokens, priceNum, priceDen, Math.Rounding.Ceil);
        tokenUsed = tokens > tokenReserve ? tokens - tokenReserve : 0;
        quoteUsed = quotes > quoteReserve ? quotes - quoteReserve : 0;
        // A donation worth more than the launch's quote leaves none to send, but the pair mints its first shares only
        // when both sides grow (by more than its minimum liquidity, 1,000 units, in their geometric mean): the least
        // quote that does it. The pool then opens above the price, never below, on the donor's money.
        if (quoteUsed == 0 && tokenUsed != 0) quoteUsed = MINIMUM_LIQUIDITY * MINIMUM_LIQUIDITY / tokenUsed + 1;
    }
}
