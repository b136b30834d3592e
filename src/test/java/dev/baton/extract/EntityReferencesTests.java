package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntityReferencesTests {

    @Test
    void shippedContractLoadsFxRatesAndAccountsFirstAndKeepsTheJobsOrderOtherwise() {
        // given
        EntityReferences contract = EntityReferences.contract();

        // when
        List<String> order = contract.loadOrder(List.of("tickets", "deals", "accounts", "handoffs", "fx_rates", "spend"));

        // then
        assertThat(order).containsExactly("fx_rates", "accounts", "tickets", "deals", "handoffs", "spend");
        assertThat(contract.of("tickets")).containsExactly(
                new EntityReferences.Reference("account_id", "accounts", "account_id", "account", false));
        assertThat(contract.of("deals")).extracting(EntityReferences.Reference::column)
                .containsExactly("currency", "referred_by_account_id");
        assertThat(contract.of("handoffs")).isEmpty();
    }

    @Test
    void anEntityLoadsAfterTheEntitiesItReferencesTransitively() {
        // given: c references b, b references a; x references nothing
        EntityReferences contract = EntityReferences.parse("""
                references:
                  c:
                    b_id: {entity: b}
                  b:
                    a_id: {entity: a, column: id, noun: thing}
                """);

        // when
        List<String> order = contract.loadOrder(List.of("x", "c", "b", "a"));

        // then
        assertThat(order).containsExactly("a", "b", "x", "c");
        assertThat(contract.of("b")).containsExactly(new EntityReferences.Reference("a_id", "a", "id", "thing", false));
    }

    @Test
    void aCycleOfReferencesIsRefused() {
        assertThatThrownBy(() -> EntityReferences.parse("""
                references:
                  a:
                    b_id: {entity: b}
                  b:
                    a_id: {entity: a}
                """)).hasMessageContaining("cycle");
    }

    @Test
    void aMisspeltPropertyIsRefused() {
        assertThatThrownBy(() -> EntityReferences.parse("""
                references:
                  a:
                    b_id: {entitty: b}
                """)).hasMessageContaining("entitty");
    }
}
