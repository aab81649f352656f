// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {ONE} from "../fixtures/Constants.sol";
import {LaunchSetup} from "../fixtures/LaunchSetup.sol";

import {ModelGovernor} from "../../contracts/governance/ModelGovernor.sol";
import {IModelLaunchFactory} from "../../contracts/interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";
import {ModelLaunchFactory} from "../../contracts/offering/ModelLaunchFactory.sol";
import {ModelOffering} from "../../contracts/offering/ModelOffering.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice The launch factory's owner changes the fee and implementations of later launches; launches already
/// made keep the contracts and fee they were made with.
contract ModelLaunchFactoryGovernanceTest is LaunchSetup {
    ModelLaunchFactory private factory;
    address private dao;

    function setUp() public {
        _deployProtocol();
        dao = makeAddr("protocol timelock");
        factory = _newFactory(address(0), 0, dao);
    }

    function testFuzz_setFee(address recipient, uint16 bps) public {
        uint256 max = factory.MAX_FEE_BPS();
        if (bps > max) {
            vm.expectRevert(abi.encodeWithSelector(IModelLaunchFactory.LaunchFeeTooHigh.selector, bps, max));
        } else if (bps != 0 && recipient == address(0)) {
            vm.expectRevert(IModelLaunchFactory.LaunchFeeRecipientMissing.selector);
        }
        vm.prank(dao);
        factory.setFee(recipient, bps);
        if (bps <= max && (bps == 0 || recipient != address(0))) {
            assertEq(factory.feeRecipient(), recipient);
            assertEq(factory.feeBps(), bps);
        }
    }

    function testFuzz_setFee_onlyOwner(address caller) public {
        vm.assume(caller != dao);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        factory.setFee(caller, 1);
    }

    /// @dev One launch per generation (and fee), then every launch is looked up again: its contracts and fee
    /// are those of its own generation.
    function testFuzz_launchOf_keepsEachGeneration(uint8 rounds, uint16 seed) public {
        uint256 count = bound(rounds, 1, 5);
        IModelLaunchFactory.Launch[] memory launches = new IModelLaunchFactory.Launch[](count);
        ModelId[] memory models = new ModelId[](count);
        for (uint256 i; i < count; ++i) {
            if (i > 0) {
                IModelLaunchFactory.Implementations memory impl = _newImplementations();
                vm.startPrank(dao);
                factory.setImplementations(
                    impl.token, impl.offering, impl.vesting, impl.governor, impl.timelock, impl.curve
                );
                factory.setFee(makeAddr(vm.toString(i)), uint16((uint256(seed) + i) % 1_001));
                vm.stopPrank();
            }
            (models[i], launches[i]) = _launch();
        }
        assertEq(factory.generationCount(), count);
        for (uint256 i; i < count; ++i) {
            IModelLaunchFactory.Launch memory found = factory.launchOf(models[i]);
            assertEq(found.token, launches[i].token);
            assertEq(found.offering, launches[i].offering);
            assertEq(found.governor, launches[i].governor);
            assertEq(found.timelock, launches[i].timelock);
            assertEq(factory.generationOf(models[i]), i);
            IModelLaunchFactory.Implementations memory impl = factory.implementations(i);
            assertEq(ModelGovernor(payable(found.governor)).timelock(), found.timelock);
            assertEq(address(ModelGovernor(payable(found.governor)).token()), found.token);
            // Each clone's runtime code names its implementation.
            assertTrue(_delegatesTo(found.governor, impl.governor));
            assertTrue(_delegatesTo(found.timelock, impl.timelock));
            IModelOffering.Fee memory fee = ModelOffering(payable(found.offering)).config().fee;
            uint16 expectedBps = i == 0 ? 0 : uint16((uint256(seed) + i) % 1_001);
            assertEq(fee.bps, expectedBps);
        }
    }

    /// @dev A launch of a new model whose sale opens in an hour for a day.
    function _launch() private returns (ModelId model, IModelLaunchFactory.Launch memory l) {
        IModelLaunchFactory.LaunchParams memory p = _launchParams(
            _ethSale(1_000_000 * ONE, 3e15, 10 ether, 100 ether, block.timestamp + 1 hours, block.timestamp + 1 days)
        );
        l = _launch(factory, p);
        model = p.model;
    }

    /// @dev Whether the ERC-1167 clone at `clone` delegates to `implementation` (bytes 10 to 30 of its code).
    function _delegatesTo(address clone, address implementation) private view returns (bool) {
        bytes memory code = clone.code;
        address target;
        assembly ("memory-safe") {
            target := shr(96, mload(add(code, 42)))
        }
        return target == implementation;
    }
}
