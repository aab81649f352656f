// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {IModelRevenue} from "../../contracts/interfaces/IModelRevenue.sol";
import {CreditWordLibrary, HolderAccount, HolderAccountLibrary} from "../../contracts/revenue/HolderAccount.sol";

/// @notice The packed holder word and the credit words: a credit is narrowed to its signed 128-bit field only
/// when it fits (I-01).
contract HolderAccountTest is Test {
    /// @dev A credit that does not fit a signed 128-bit field is refused, never wrapped.
    function test_I01_packRefusesACreditOutsideInt128() public {
        int256 over = int256(type(int128).max) + 1;
        int256 under = int256(type(int128).min) - 1;
        vm.expectRevert(abi.encodeWithSelector(IModelRevenue.RevenueCreditOutOfRange.selector, over));
        this.pack(over);
        vm.expectRevert(abi.encodeWithSelector(IModelRevenue.RevenueCreditOutOfRange.selector, under));
        this.pack(under);
        assertEq(this.pack(type(int128).max), type(int128).max);
        assertEq(this.pack(type(int128).min), type(int128).min);
    }

    /// @dev The same for the ERC-20 credits kept two to a word.
    function test_I01_creditWordRefusesACreditOutsideInt128() public {
        int256 over = int256(type(int128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IModelRevenue.RevenueCreditOutOfRange.selector, over));
        this.setHalf(over, 128);
        vm.expectRevert(abi.encodeWithSelector(IModelRevenue.RevenueCreditOutOfRange.selector, -over - 1));
        this.setHalf(-over - 1, 0);
        assertEq(this.setHalf(-5, 0), -5);
        assertEq(this.setHalf(type(int128).min, 128), type(int128).min);
    }

    /// @notice Packs `credit` beside a balance of 7 and a flag, and reads it back (external, for expectRevert).
    function pack(int256 credit) external pure returns (int256) {
        HolderAccount account = HolderAccount.wrap(HolderAccountLibrary.EXCLUDED).pack(7, credit);
        require(account.balance() == 7 && account.excluded(), "balance or flags lost");
        return account.credit();
    }

    /// @notice Writes `credit` into half `shift` of a word whose other half holds -1, and reads it back.
    function setHalf(int256 credit, uint256 shift) external pure returns (int256) {
        uint256 word = CreditWordLibrary.set(type(uint256).max, shift, credit);
        require(CreditWordLibrary.get(word, 128 - shift) == -1, "other half lost");
        return CreditWordLibrary.get(word, shift);
    }
}
