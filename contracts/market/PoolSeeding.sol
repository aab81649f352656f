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
///
/// A pool someone already opened (it has shares) is first traded to the launch's price with the launch's own tokens
/// or quote, then added to at its reserves' ratio. Whoever set another price sells to the launch below it or buys
/// from it above it: the trade is the launch's gain and that party's loss, so opening the pool early at a skewed price
/// only costs money. The price it ends at is the launch's within the pool's 0.3% fee (never below it). A pool the
/// launch's funds cannot bring to the price leaves it nothing of one side to add: the seed then reverts with
/// {PoolSeedingEmpty} and trades nothing.
library PoolSeeding {
    using SafeERC20 for IERC20;

    /// Uniswap V2's shares locked for ever when a pair first mints.
    uint256 private constant MINIMUM_LIQUIDITY = 1000;

    /// @notice Nothing to seed: `tokenUsed` tokens and `quoteUsed` quote would enter.
    error PoolSeedingEmpty(uint256 tokenUsed, uint256 quoteUsed);

    /// @notice The pair would hold `tokenBalance` tokens against `quoteBalance` quote, below the price: less arrived
    /// than was sent (a token that takes a fee on transfer).
    error PoolSeedingBelowPrice(uint256 tokenBalance, uint256 quoteBalance);

    /// @notice What a seed did: the shares minted and what entered the pool for them. A pool opened before also
    /// traded: `tokenUsed` and `quoteUsed` are what this contract's balances fell by, trade and mint together.
    struct Seeded {
        address pair;
        uint256 liquidity;
        uint256 tokenUsed;
        uint256 quoteUsed;
    }

    /// @notice Seeds the pair of `token` and `quote` (created if needed) at `priceNum / priceDen` quote units per token
    /// unit with at most `tokenAmount` tokens and `quoteAmount` quote that this contract holds; the pool shares go to
    /// `to`. What does not enter stays with this contract (with anything a donor had left unsynced in the pair, and
    /// what a trade with a pool opened before brought in).
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
        // A donation not synced would enter as ours at the donor's ratio: it comes back here first.
        pair.skim(address(this));
        uint256 tokenSent;
        uint256 quoteSent;
        if (pair.totalSupply() == 0) {
            (tokenSent, quoteSent) = _amounts(pair, address(token), tokenAmount, quoteAmount, priceNum, priceDen);
            if (tokenSent == 0 || tokenSent > tokenAmount || quoteSent > quoteAmount) {
                revert PoolSeedingEmpty(tokenSent, quoteSent);
            }
            s.tokenUsed = tokenSent;
            s.quoteUsed = quoteSent;
        } else {
            (int256 tokenDelta, int256 quoteDelta) =
                _trade(pair, token, quote, tokenAmount, quoteAmount, priceNum, priceDen);
            // Cannot underflow: a trade spends at most what is held, and brings the other side in.
            tokenAmount = uint256(int256(tokenAmount) + tokenDelta);
            quoteAmount = uint256(int256(quoteAmount) + quoteDelta);
            (tokenSent, quoteSent) = _atRatio(pair, address(token), tokenAmount, quoteAmount);
            if (tokenSent == 0 || quoteSent == 0) revert PoolSeedingEmpty(tokenSent, quoteSent);
            s.tokenUsed = _spent(tokenSent, tokenDelta);
            s.quoteUsed = _spent(quoteSent, quoteDelta);
        }
        token.safeTransfer(s.pair, tokenSent);
        if (quoteSent != 0) quote.safeTransfer(s.pair, quoteSent);
        // The amounts above put the pair at or above the price; what arrived decides. A token that keeps part of
        // a transfer would otherwise open the pool below the price, for anyone to buy from at a discount.
        uint256 tokenBalance = token.balanceOf(s.pair);
        uint256 quoteBalance = quote.balanceOf(s.pair);
        if (Math.mulDiv(tokenBalance, priceNum, priceDen, Math.Rounding.Ceil) > quoteBalance) {
            revert PoolSeedingBelowPrice(tokenBalance, quoteBalance);
        }
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
        (uint256 tokenReserve, uint256 quoteReserve) = _reserves(pair, token);
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

    /// Trades an open pool toward the price along its constant product: buys tokens with quote when they are cheaper,
    /// sells tokens when dearer, with at most what this contract has. Returns the change in this contract's tokens and
    /// quote.
    function _trade(
        IUniswapV2Pair pair,
        IERC20 token,
        IERC20 quote,
        uint256 tokenAmount,
        uint256 quoteAmount,
        uint256 priceNum,
        uint256 priceDen
    ) private returns (int256 tokenDelta, int256 quoteDelta) {
        (uint256 tokenReserve, uint256 quoteReserve) = _reserves(pair, address(token));
        if (tokenReserve == 0 || quoteReserve == 0) return (0, 0);
        // At the price, with the same product: quote reserve² = product × price, token reserve² = product / price.
        uint256 quoteTarget = _sqrtProduct(quoteReserve, Math.mulDiv(tokenReserve, priceNum, priceDen));
        if (quoteTarget > quoteReserve) {
            // Tokens are cheap: buy them. The input is grossed up for the 0.3% fee so the price ends at or above
            // the target, never below it.
            uint256 amountIn = Math.min(Math.mulDiv(quoteTarget - quoteReserve, 1000, 997), quoteAmount);
            (uint256 spent, uint256 out) = _swap(pair, quote, amountIn, quoteReserve, tokenReserve);
            return (int256(out), -int256(spent));
        }
        return _sell(pair, token, tokenAmount, tokenReserve, quoteReserve, priceNum, priceDen);
    }

    /// The other side of {_trade}: when tokens are dear, sells them. Not grossed up for the fee, so the price stays at
    /// or above the target.
    function _sell(
        IUniswapV2Pair pair,
        IERC20 token,
        uint256 tokenAmount,
        uint256 tokenReserve,
        uint256 quoteReserve,
        uint256 priceNum,
        uint256 priceDen
    ) private returns (int256 tokenDelta, int256 quoteDelta) {
        uint256 tokenTarget = _sqrtProduct(tokenReserve, Math.mulDiv(quoteReserve, priceDen, priceNum));
        if (tokenTarget <= tokenReserve) return (0, 0);
        (uint256 spent, uint256 out) =
            _swap(pair, token, Math.min(tokenTarget - tokenReserve, tokenAmount), tokenReserve, quoteReserve);
        return (-int256(spent), int256(out));
    }

    /// Sells `amountIn` of `tokenIn` to the pair for the other token, at Uniswap V2's output with its 0.3% fee;
    /// nothing when that output rounds to zero.
    function _swap(IUniswapV2Pair pair, IERC20 tokenIn, uint256 amountIn, uint256 reserveIn, uint256 reserveOut)
        private
        returns (uint256 spent, uint256 out)
    {
        uint256 inWithFee = amountIn * 997;
        out = inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
        if (out == 0) return (0, 0);
        tokenIn.safeTransfer(address(pair), amountIn);
        bool outIsToken0 = pair.token0() != address(tokenIn);
        pair.swap(outIsToken0 ? out : 0, outIsToken0 ? 0 : out, address(this), "");
        return (amountIn, out);
    }

    /// What to add to an open pool at its reserves' ratio: as many tokens as both sides pay for, and the quote that
    /// prices them at that ratio, rounded up, so nothing is given to the pool's other shareholders beyond rounding.
    function _atRatio(IUniswapV2Pair pair, address token, uint256 tokenAmount, uint256 quoteAmount)
        private
        view
        returns (uint256 tokens, uint256 quotes)
    {
        (uint256 tokenReserve, uint256 quoteReserve) = _reserves(pair, token);
        tokens = Math.min(tokenAmount, Math.mulDiv(quoteAmount, tokenReserve, quoteReserve));
        quotes = Math.mulDiv(tokens, quoteReserve, tokenReserve, Math.Rounding.Ceil);
    }

    function _reserves(IUniswapV2Pair pair, address token)
        private
        view
        returns (uint256 tokenReserve, uint256 quoteReserve)
    {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (tokenReserve, quoteReserve) = pair.token0() == token ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
    }

    /// √(a·b), without overflow for any two reserves of a pair (each below 2^112) and any price.
    function _sqrtProduct(uint256 a, uint256 b) private pure returns (uint256) {
        (bool fits, uint256 product) = Math.tryMul(a, b);
        return fits ? Math.sqrt(product) : Math.sqrt(a) * Math.sqrt(b);
    }

    /// What a balance fell by: `sent` to the pair, less what a trade brought in (`delta` > 0) or plus what it spent.
    function _spent(uint256 sent, int256 delta) private pure returns (uint256) {
        int256 spent = int256(sent) - delta;
        return spent > 0 ? uint256(spent) : 0;
    }
}
