// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Inputs of the stake-weighted median, shared by the columns of a step (field order is read by assembly).
struct MedianInputs {
    /// By row: stake of the median's members, renormalised among them (I32F32); other rows 0.
    uint256[] stake;
    /// Rows with active stake, ascending.
    uint256[] members;
    /// Three lists of `members.length + 1` words, the partitions' working space.
    uint256[] buffers;
    /// Stake sum minus the majority (kappa): may be negative.
    int256 minority;
    /// Sum of `stake`.
    int256 stakeSum;
}

/// @title EpochMath
/// @notice Fixed-point and vector helpers of the Yuma epoch. Values are non-negative I32F32 bit patterns
/// (value = raw / 2^32) unless said otherwise; they stay far below 2^64, so no I32F32 saturation is ever reached.
library EpochMath {
    uint256 private constant LANES_16 = 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;
    uint256 private constant LANES_32 = 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff;
    uint256 private constant LANES_64 = 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff;

    /// @notice A u16 proportion as I32F32: divFixed(x, 65535) = floor(x * 2^32 / 65535).
    function proportion(uint256 x) internal pure returns (uint256) {
        return (x << 32) / 0xffff;
    }

    /// @notice subtensor's `fixed_proportion_to_u16`: floor(x * 65535) as an integer, capped at 65535.
    function toU16(uint256 x) internal pure returns (uint256) {
        uint256 v = (x * 0xffff) >> 32;
        return v > 0xffff ? 0xffff : v;
    }

    /// @notice Number of set bits.
    function popcount(uint256 x) internal pure returns (uint256 count) {
        while (x != 0) {
            x &= x - 1;
            ++count;
        }
    }

    /// @notice Sum of the 16 u16 lanes of a word, by pairwise folding.
    function sumLanes(uint256 word) internal pure returns (uint256) {
        word = (word & LANES_16) + ((word >> 16) & LANES_16);
        word = (word & LANES_32) + ((word >> 32) & LANES_32);
        word = (word & LANES_64) + ((word >> 64) & LANES_64);
        return (word & type(uint128).max) + (word >> 128);
    }

    /// @notice Reads the first `count` 64-bit lanes of a packed vector (four per word).
    function loadLanes(uint256[64] storage v, uint256 count) internal view returns (uint256[] memory out) {
        out = new uint256[](count);
        uint256 word;
        for (uint256 x; x < count; ++x) {
            if (x & 3 == 0) word = v[x >> 2];
            out[x] = uint64(word >> (64 * (x & 3)));
        }
    }

    /// @notice Writes `values` (each below 2^64) as 64-bit lanes, four per word.
    function storeLanes(uint256[64] storage v, uint256[] memory values) internal {
        uint256 count = values.length;
        for (uint256 q; 4 * q < count; ++q) {
            uint256 word;
            for (uint256 r; r < 4 && 4 * q + r < count; ++r) {
                word |= values[4 * q + r] << (64 * r);
            }
            v[q] = word;
        }
    }

    /// @notice subtensor's `is_topk_nonzero`: bit `i` set when `values[i]` is nonzero and among the `k` largest,
    /// ties going to the higher index (a stable ascending sort drops the lowest `n - k`).
    function topKNonzero(uint256[] memory values, uint256 k) internal pure returns (uint256 bits) {
        uint256 n = values.length;
        uint256[] memory keys = new uint256[](n);
        // Keys are unique (the index is in the low byte), so sorting them is the stable sort by value.
        for (uint256 i; i < n; ++i) keys[i] = (values[i] << 8) | i;
        if (n > 1) _sort(keys, 0, n - 1);
        uint256 from = n > k ? n - k : 0;
        for (uint256 p = from; p < n; ++p) {
            if (keys[p] >> 8 != 0) bits |= uint256(1) << (keys[p] & 0xff);
        }
    }

    /// Quicksort of distinct keys in place, ascending, over `keys[lo..hi]`.
    function _sort(uint256[] memory keys, uint256 lo, uint256 hi) private pure {
        while (lo < hi) {
            uint256 pivot = keys[(lo + hi) >> 1];
            uint256 i = lo;
            uint256 j = hi;
            while (true) {
                while (keys[i] < pivot) ++i;
                while (keys[j] > pivot) --j;
                if (i >= j) break;
                (keys[i], keys[j]) = (keys[j], keys[i]);
                ++i;
                --j;
            }
            // Hoare partition: keys[lo..j] <= pivot <= keys[j+1..hi]; recurse into the smaller side.
            if (j - lo < hi - j) {
                if (j > lo) _sort(keys, lo, j);
                lo = j + 1;
            } else {
                if (j + 1 < hi) _sort(keys, j + 1, hi);
                hi = j;
            }
        }
    }

    /// @notice subtensor's `weighted_median` by iterative partitioning, over the column
    /// `cells[offset + k]` of the rows `k` listed (ascending) in `m.members`, with stakes `m.stake[k]`.
    /// @dev Keeps the reference's pivot order (the middle of the current list, lists kept in row order) so the
    /// result is the same bit for bit. `m.buffers` holds three lists of `m.members.length + 1` entries.
    /// Uses the scratch word at 0x00.
    function weightedMedian(uint256[] memory cells, uint256 offset, MedianInputs memory m)
        internal
        pure
        returns (uint256 med)
    {
        assembly ("memory-safe") {
            // Splits the list at `cur` around `pivot`, keeping row order: lower scores to `lower`, higher to `upper`.
            function partition(cur, len, col, st, lower, upper, pivot) -> loStake, hiStake, nl, nu {
                let end := add(cur, shl(5, len))
                for { let p := cur } lt(p, end) { p := add(p, 0x20) } {
                    let idx := mload(p)
                    let score := mload(add(col, shl(5, idx)))
                    if lt(score, pivot) {
                        loStake := add(loStake, mload(add(st, shl(5, idx))))
                        mstore(add(lower, shl(5, nl)), idx)
                        nl := add(nl, 1)
                    }
                    if gt(score, pivot) {
                        hiStake := add(hiStake, mload(add(st, shl(5, idx))))
                        mstore(add(upper, shl(5, nu)), idx)
                        nu := add(nu, 1)
                    }
                }
            }
            let col := add(add(cells, 0x20), shl(5, offset))
            let st := add(mload(m), 0x20)
            let minority := mload(add(m, 0x60))
            let hi := mload(add(m, 0x80))
            let lo := 0
            let len := mload(mload(add(m, 0x20)))
            // The current list starts as the caller's `members`, never written; the partitions go to three lists
            // in `buffers`. The third waits in scratch memory (0x00) until `members` is left behind.
            let initial := add(mload(add(m, 0x20)), 0x20)
            let cur := initial
            let lower := add(mload(add(m, 0x40)), 0x20)
            let upper := add(lower, shl(5, div(mload(mload(add(m, 0x40))), 3)))
            mstore(0x00, add(upper, sub(upper, lower)))
            for {} 1 {} {
                if iszero(len) {
                    med := 0
                    break
                }
                if eq(len, 1) {
                    med := mload(add(col, shl(5, mload(cur))))
                    break
                }
                let pivot := mload(add(col, shl(5, mload(add(cur, shl(5, shr(1, len)))))))
                let loStake, hiStake, nl, nu := partition(cur, len, col, st, lower, upper, pivot)
                let freed := cur
                if eq(cur, initial) { freed := mload(0x00) }
                loStake := add(lo, loStake)
                if and(slt(minority, loStake), gt(nl, 0)) {
                    hi := loStake
                    cur := lower
                    len := nl
                    lower := freed
                    continue
                }
                hiStake := sub(hi, hiStake)
                if and(iszero(sgt(hiStake, minority)), gt(nu, 0)) {
                    lo := hiStake
                    cur := upper
                    len := nu
                    upper := freed
                    continue
                }
                med := pivot
                break
            }
        }
    }
}
