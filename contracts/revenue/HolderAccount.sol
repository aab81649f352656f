// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";

/// @notice One holder's balance, flags and ETH revenue credit, packed in the word every transfer already
/// reads and writes, so that sharing ETH revenue costs a transfer no extra storage access.
///
/// | bits     | field      | meaning                                                                  |
/// |----------|------------|--------------------------------------------------------------------------|
/// | 0..95    | balance    | token units (supply is capped at 2**96 - 1)                              |
/// | 96       | excluded   | the balance earns no revenue and is not in the eligible supply           |
/// | 97       | forwards   | what the balance earned moves with the tokens (the sale)                 |
/// | 98       | delegated  | the holder has chosen a delegate at least once (else the delegate is 0)  |
/// | 99       | minted     | received part of the supply at launch: anyone may claim for it           |
/// | 100      | byHolder   | excluded by its own choice, which only it can undo                       |
/// | 128..255 | credit     | int128: revenue owed beyond `accumulator * balance` (negative: less)     |
///
/// A holder's claimable amount of an asset is `floor(accumulator * balance / 2**96) + credit` (0 for the
/// accumulator term when excluded). Receiving tokens lowers the credit by their accrued value, rounded up;
/// sending raises it by their value, rounded down; claiming lowers it by what is paid.
type HolderAccount is uint256;

using HolderAccountLibrary for HolderAccount global;

/// @title HolderAccountLibrary
/// @notice Accessors for {HolderAccount}.
library HolderAccountLibrary {
    uint256 internal constant BALANCE_MASK = (1 << 96) - 1;
    uint256 internal constant EXCLUDED = 1 << 96;
    uint256 internal constant FORWARDS = 1 << 97;
    uint256 internal constant DELEGATED = 1 << 98;
    uint256 internal constant MINTED = 1 << 99;
    uint256 internal constant BY_HOLDER = 1 << 100;
    uint256 private constant FLAGS_MASK = EXCLUDED | FORWARDS | DELEGATED | MINTED | BY_HOLDER;

    function balance(HolderAccount account) internal pure returns (uint256) {
        return HolderAccount.unwrap(account) & BALANCE_MASK;
    }

    function excluded(HolderAccount account) internal pure returns (bool) {
        return HolderAccount.unwrap(account) & EXCLUDED != 0;
    }

    function forwards(HolderAccount account) internal pure returns (bool) {
        return HolderAccount.unwrap(account) & FORWARDS != 0;
    }

    function delegated(HolderAccount account) internal pure returns (bool) {
        return HolderAccount.unwrap(account) & DELEGATED != 0;
    }

    function minted(HolderAccount account) internal pure returns (bool) {
        return HolderAccount.unwrap(account) & MINTED != 0;
    }

    function byHolder(HolderAccount account) internal pure returns (bool) {
        return HolderAccount.unwrap(account) & BY_HOLDER != 0;
    }

    function credit(HolderAccount account) internal pure returns (int256) {
        return int128(uint128(HolderAccount.unwrap(account) >> 128));
    }

    /// @dev `balance_` must fit 96 bits (balances add up to the supply, below 2**96). A credit outside the signed
    /// 128-bit range is refused, never wrapped: that would change what is owed (see {CreditWordLibrary-narrow}).
    function pack(HolderAccount account, uint256 balance_, int256 credit_) internal pure returns (HolderAccount) {
        // The credit's low 128 bits, in place; shifted back (with its sign) they must give the credit again.
        uint256 high = uint256(credit_) << 128;
        if (int256(high) >> 128 != credit_) revert IModelRevenue.RevenueCreditOutOfRange(credit_);
        return HolderAccount.wrap(high | (HolderAccount.unwrap(account) & FLAGS_MASK) | balance_);
    }

    function withFlag(HolderAccount account, uint256 flag, bool on) internal pure returns (HolderAccount) {
        uint256 word = HolderAccount.unwrap(account);
        return HolderAccount.wrap(on ? word | flag : word & ~flag);
    }
}

/// @title CreditWordLibrary
/// @notice A holder's credits for two ERC-20 revenue assets, one signed 128-bit field each, in one word: the low
/// half (`shift` 0) holds the odd-numbered asset, the high half (`shift` 128) the even-numbered one.
///
/// | bits     | field        |
/// |----------|--------------|
/// | 0..127   | int128 credit of asset 2k+1 |
/// | 128..255 | int128 credit of asset 2k+2 |
library CreditWordLibrary {
    /// @notice The credit in half `shift` (0 or 128) of `word`.
    function get(uint256 word, uint256 shift) internal pure returns (int256) {
        return int128(uint128(word >> shift));
    }

    /// @notice `word` with half `shift` (0 or 128) set to `credit`; the other half is kept.
    function set(uint256 word, uint256 shift, int256 credit) internal pure returns (uint256) {
        uint256 mask = uint256(type(uint128).max) << shift;
        return (word & ~mask) | (narrow(credit) << shift);
    }

    /// @notice `credit` as the 128 bits of its two's complement, refused with
    /// {IModelRevenue-RevenueCreditOutOfRange} when it does not fit a signed 128-bit field.
    function narrow(int256 credit) internal pure returns (uint256) {
        // A credit is what the account is owed less its accrual, each below about 2**127 units (the accumulator
        // is at most 2**127 in Q96, a balance below 2**96): it can leave the signed 128-bit range only at the very
        // edge of the accumulator, where this makes the operation fail instead of wrapping to another amount.
        // Its low 128 bits, shifted back with their sign, must give the credit again.
        uint256 high = uint256(credit) << 128;
        if (int256(high) >> 128 != credit) revert IModelRevenue.RevenueCreditOutOfRange(credit);
        return high >> 128;
    }
}
