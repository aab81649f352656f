// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBondingCurve} from "../interfaces/IBondingCurve.sol";
import {LIQUIDITY_MAX_LOCK, LIQUIDITY_MIN_LOCK} from "./LiquidityLock.sol";

/// @title CurveArgs
/// @notice Encodes a curve's {IBondingCurve-Config} as the clone arguments of its {BondingCurve}, in five words:
/// every byte of a clone's code costs 200 gas at launch. Amounts fit 128 bits (a token's supply is below 2^96, and
/// the launch checks the quote amounts):
///
///   word 0: bit 255      248 247          232 231            200 199            160 159           0
///               [ flags (8) ] [ fee bps (16) ] [ lock (32) ] [ deadline (40) ] [ token (160) ]
///
///   word 1: bit 255                 192 191                176 175                  160 159            0
///               [ launch block (64) ] [ opening blocks (16) ] [ opening fee bps (16) ] [ treasury (160) ]
///
///   word 2: [ unused (96) ] [ payment token (160) ]
///   word 3: [ reserve tokens (128) ] [ tokens for the curve (128) ]
///   word 4: [ target quote (128) ] [ virtual quote (128) ]
///
/// Flags: bit 0 is `feesToHolders`.
library CurveArgs {
    /// @notice The most a trade's fee may be, in basis points, once the opening is over.
    uint256 internal constant MAX_FEE_BPS = 1_000;
    /// @notice The most the opening fee may be, in basis points.
    uint256 internal constant MAX_OPENING_FEE_BPS = 5_000;
    /// @notice The most blocks the opening fee may take to fall to the trading fee.
    uint256 internal constant MAX_OPENING_BLOCKS = 1_000;

    /// @notice The clone arguments for `c`.
    function encode(IBondingCurve.Config memory c) internal pure returns (bytes memory) {
        IBondingCurve.CurveParams memory p = c.curve;
        return abi.encode(
            uint256(uint160(c.token)) | (uint256(p.deadline) << 160) | (uint256(p.lockDuration) << 200)
                | (uint256(p.feeBps) << 232) | (p.feesToHolders ? uint256(1) << 248 : 0),
            uint256(uint160(c.treasury)) | (uint256(p.openingFeeBps) << 160) | (uint256(p.openingBlocks) << 176)
                | (uint256(c.launchBlock) << 192),
            p.paymentToken,
            (c.reserveTokens << 128) | p.tokensForCurve,
            (p.targetQuote << 128) | p.virtualQuote
        );
    }

    /// @notice The config encoded in `args` by {encode}.
    function decode(bytes memory args) internal pure returns (IBondingCurve.Config memory c) {
        (uint256 w0, uint256 w1, address paymentToken, uint256 w3, uint256 w4) =
            abi.decode(args, (uint256, uint256, address, uint256, uint256));
        c.token = address(uint160(w0));
        c.treasury = address(uint160(w1));
        c.launchBlock = uint64(w1 >> 192);
        c.reserveTokens = w3 >> 128;
        c.curve = IBondingCurve.CurveParams({
            paymentToken: paymentToken,
            tokensForCurve: uint128(w3),
            virtualQuote: uint128(w4),
            targetQuote: w4 >> 128,
            feeBps: uint16(w0 >> 232),
            openingFeeBps: uint16(w1 >> 160),
            openingBlocks: uint16(w1 >> 176),
            feesToHolders: (w0 >> 248) & 1 == 1,
            deadline: uint40(w0 >> 160),
            lockDuration: uint32(w0 >> 200)
        });
    }

    /// @notice Reverts with an {IBondingCurve} error naming the first rule the terms `p` with `reserveTokens` for the
    /// pool break, checked once at launch: the terms are then fixed for good.
    function check(IBondingCurve.CurveParams calldata p, uint256 reserveTokens) internal view {
        // The supply fits 96 bits, so both amounts fit the 128 bits the code carries them in.
        if (p.tokensForCurve == 0 || reserveTokens == 0 || p.tokensForCurve + reserveTokens > type(uint96).max) {
            revert IBondingCurve.CurveInvalidSupply(p.tokensForCurve, reserveTokens);
        }
        // 128 bits each keep (V + R) · S within 2^225: no product of the curve's math can overflow.
        if (
            p.virtualQuote == 0 || p.targetQuote == 0 || p.virtualQuote > type(uint128).max
                || p.targetQuote > type(uint128).max
        ) revert IBondingCurve.CurveInvalidQuote(p.virtualQuote, p.targetQuote);
        if (
            p.feeBps > MAX_FEE_BPS || p.openingFeeBps < p.feeBps || p.openingFeeBps > MAX_OPENING_FEE_BPS
                || p.openingBlocks > MAX_OPENING_BLOCKS
        ) revert IBondingCurve.CurveInvalidFees(p.feeBps, p.openingFeeBps, p.openingBlocks);
        if (p.deadline <= block.timestamp) revert IBondingCurve.CurveInvalidDeadline(p.deadline, block.timestamp);
        if (p.lockDuration < LIQUIDITY_MIN_LOCK || p.lockDuration > LIQUIDITY_MAX_LOCK) {
            revert IBondingCurve.CurveInvalidLock(p.lockDuration, LIQUIDITY_MIN_LOCK, LIQUIDITY_MAX_LOCK);
        }
    }
}
