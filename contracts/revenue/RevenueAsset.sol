// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The word of a revenue asset that transfers read: its accumulator, the eligible supply it is shared
/// among, its stream duration and flags. A deposit released at once writes only this word.
///
/// | bits     | field       | meaning                                                                 |
/// |----------|-------------|-------------------------------------------------------------------------|
/// | 0..127   | accumulator | asset units released per token unit since launch, Q96 (at most 2**127-1)|
/// | 128..223 | eligible    | token units that earn revenue (a copy per asset, so deposits read one word)|
/// | 224..247 | duration    | seconds over which a new deposit is released                            |
/// | 248      | streaming   | a stream may be running: the accumulator lags the stream word           |
/// | 249      | reserve     | deposits set a share aside for burn-to-redeem                           |
/// | 250      | active      | deposits are accepted                                                    |
/// | 251..253 | count       | ERC-20 revenue assets in use (in ETH's word only)                       |
type RevenueAsset is uint256;

/// @notice A running stream: `rate` (asset units * 2**32 per second) is released from `last` until `end`.
///
/// | bits     | field | meaning                                   |
/// |----------|-------|-------------------------------------------|
/// | 0..175   | rate  | asset units * 2**32 released per second   |
/// | 176..215 | last  | released up to this time                  |
/// | 216..255 | end   | the stream's end                          |
type RevenueStream is uint256;

using RevenueAssetLibrary for RevenueAsset global;
using RevenueStreamLibrary for RevenueStream global;

/// @title RevenueAssetLibrary
/// @notice Accessors for {RevenueAsset}.
library RevenueAssetLibrary {
    uint256 internal constant ACC_MAX = (1 << 127) - 1;
    uint256 private constant ACC_MASK = (1 << 128) - 1;
    uint256 private constant ELIGIBLE_MASK = ((1 << 96) - 1) << 128;
    uint256 private constant DURATION_MASK = ((1 << 24) - 1) << 224;
    uint256 internal constant STREAMING = 1 << 248;
    uint256 internal constant RESERVE = 1 << 249;
    uint256 internal constant ACTIVE = 1 << 250;
    uint256 private constant COUNT_SHIFT = 251;
    uint256 private constant COUNT_MASK = 7 << COUNT_SHIFT;

    function accumulator(RevenueAsset asset) internal pure returns (uint256) {
        return RevenueAsset.unwrap(asset) & ACC_MASK;
    }

    function eligible(RevenueAsset asset) internal pure returns (uint256) {
        return (RevenueAsset.unwrap(asset) & ELIGIBLE_MASK) >> 128;
    }

    function duration(RevenueAsset asset) internal pure returns (uint256) {
        return (RevenueAsset.unwrap(asset) & DURATION_MASK) >> 224;
    }

    function has(RevenueAsset asset, uint256 flag) internal pure returns (bool) {
        return RevenueAsset.unwrap(asset) & flag != 0;
    }

    function count(RevenueAsset asset) internal pure returns (uint256) {
        return (RevenueAsset.unwrap(asset) & COUNT_MASK) >> COUNT_SHIFT;
    }

    /// @dev `acc` must not exceed {ACC_MAX}: callers check deposits and saturate stream releases.
    function withAccumulator(RevenueAsset asset, uint256 acc) internal pure returns (RevenueAsset) {
        return RevenueAsset.wrap((RevenueAsset.unwrap(asset) & ~ACC_MASK) | acc);
    }

    /// @dev `eligible_` never exceeds the supply, which is below 2**96.
    function withEligible(RevenueAsset asset, uint256 eligible_) internal pure returns (RevenueAsset) {
        return RevenueAsset.wrap((RevenueAsset.unwrap(asset) & ~ELIGIBLE_MASK) | (eligible_ << 128));
    }

    /// @dev `duration_` is checked against the 24-bit maximum by the caller.
    function withDuration(RevenueAsset asset, uint256 duration_) internal pure returns (RevenueAsset) {
        return RevenueAsset.wrap((RevenueAsset.unwrap(asset) & ~DURATION_MASK) | (duration_ << 224));
    }

    function withFlag(RevenueAsset asset, uint256 flag, bool on) internal pure returns (RevenueAsset) {
        uint256 word = RevenueAsset.unwrap(asset);
        return RevenueAsset.wrap(on ? word | flag : word & ~flag);
    }

    /// @dev `count_` is at most 4, checked by the caller.
    function withCount(RevenueAsset asset, uint256 count_) internal pure returns (RevenueAsset) {
        return RevenueAsset.wrap((RevenueAsset.unwrap(asset) & ~COUNT_MASK) | (count_ << COUNT_SHIFT));
    }
}

/// @title RevenueStreamLibrary
/// @notice Accessors for {RevenueStream}.
library RevenueStreamLibrary {
    uint256 private constant RATE_MASK = (1 << 176) - 1;

    function rate(RevenueStream stream) internal pure returns (uint256) {
        return RevenueStream.unwrap(stream) & RATE_MASK;
    }

    function last(RevenueStream stream) internal pure returns (uint256) {
        return uint40(RevenueStream.unwrap(stream) >> 176);
    }

    function end(RevenueStream stream) internal pure returns (uint256) {
        return RevenueStream.unwrap(stream) >> 216;
    }

    /// @dev `rate_` fits 176 bits because streamed amounts are below 2**128 (checked by the caller); times fit 40.
    function pack(uint256 rate_, uint256 last_, uint256 end_) internal pure returns (RevenueStream) {
        return RevenueStream.wrap(rate_ | (last_ << 176) | (end_ << 216));
    }

    /// @notice What the stream has not released by `last`, in asset units * 2**32.
    function remaining(RevenueStream stream) internal pure returns (uint256) {
        uint256 last_ = stream.last();
        uint256 end_ = stream.end();
        return end_ > last_ ? stream.rate() * (end_ - last_) : 0;
    }
}
