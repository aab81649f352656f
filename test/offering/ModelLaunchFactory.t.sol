// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {Test} from "../utils/Test.sol";

import {ModelGovernor} from "../../contracts/governance/ModelGovernor.sol";
import {ModelTimelock} from "../../contracts/governance/ModelTimelock.sol";
import {IModelLaunchFactory} from "../../contracts/interfaces/IModelLaunchFactory.sol";
import {IModelOffering} from "../../contracts/interfaces/IModelOffering.sol";
import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {ModelLaunchFactory} from "../../contracts/offering/ModelLaunchFactory.sol";
import {ModelOffering} from "../../contracts/offering/ModelOffering.sol";
import {ModelVestingWallet} from "../../contracts/offering/ModelVestingWallet.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelToken} from "../../contracts/token/ModelToken.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice The launch factory's owner changes the fee and implementations of later launches; launches already
/// made keep the contracts and fee they were made with.
contract ModelLaunchFactoryGovernanceTest is Test {
    uint256 private constant ONE = 1e18;
    uint256 private constant T0 = 1_700_000_000;

    ModelRegistry private registry;
    ModelLaunchFactory private factory;
    address private dao;
    address private team;
    uint256 private _models;

    function setUp() public {
        vm.warp(T0);
        registry = new ModelRegistry();
        dao = makeAddr("protocol timelock");
        team = makeAddr("team");
        IModelLaunchFactory.Implementations memory impl = _newImplementations();
        factory = new ModelLaunchFactory(
            IModelRegistry(address(registry)),
            impl.token,
            impl.offering,
            impl.vesting,
            impl.governor,
            impl.timelock,
            address(0),
            0,
            dao
        );
        vm.prank(team);
        registry.setApprovalForAll(address(factory), true);
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
                factory.setImplementations(impl.token, impl.offering, impl.vesting, impl.governor, impl.timelock);
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

    function _newImplementations() private returns (IModelLaunchFactory.Implementations memory) {
        return IModelLaunchFactory.Implementations({
            token: address(new ModelToken()),
            offering: address(new ModelOffering()),
            vesting: address(new ModelVestingWallet()),
            governor: address(new ModelGovernor()),
            timelock: address(new ModelTimelock())
        });
    }

    function _launch() private returns (ModelId model, IModelLaunchFactory.Launch memory l) {
        ++_models;
        IModelLaunchFactory.LaunchParams memory p;
        p.name = "Governed Model";
        p.symbol = "GOV";
        p.sale = IModelOffering.SaleParams({
            paymentToken: address(0),
            tokensForSale: 1_000_000 * ONE,
            price: 3e15,
            softCap: 10 ether,
            hardCap: 100 ether,
            walletCap: 0,
            merkleRoot: bytes32(0),
            start: uint40(block.timestamp + 1 hours),
            end: uint40(block.timestamp + 1 days)
        });
        p.treasuryAmount = 1_000 * ONE;
        p.supply = p.sale.tokensForSale + p.treasuryAmount;
        p.team = new IModelLaunchFactory.TeamAllocation[](0);
        p.dao = ModelGovernor.Settings({votingDelay: 1 days, votingPeriod: 1 days, proposalThreshold: 0, quorumPercent: 4});
        p.timelockDelay = 1 days;
        vm.startPrank(team);
        p.model = registry.register(
            string.concat("model-", vm.toString(_models)), abi.encodePacked(hex"01551220", bytes32(_models)), "MIT"
        );
        l = factory.launch(p);
        vm.stopPrank();
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
