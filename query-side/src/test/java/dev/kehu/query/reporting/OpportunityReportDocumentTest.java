package dev.kehu.query.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpportunityReportDocumentTest {

    private static OpportunityReportDocument anOpenProposal() {
        return new OpportunityReportDocument("opp-1")
                .customerId("cus-1").owner("li.lei").stage("PROPOSAL").probability(40)
                .amount(new BigDecimal("123456.785"), "CNY")
                .expectedCloseDate(LocalDate.of(2026, 12, 15))
                .customer(new CustomerAttributes("华北", "GOLD", "制造业", "wang.fang"));
    }

    @Test
    void keepsAmountsInHundredthsRoundedHalfUp() {
        OpportunityReportDocument document = anOpenProposal();

        assertThat(document.amountMinor()).isEqualTo(12_345_679L);
        assertThat(document.weightedAmountMinor()).isEqualTo(4_938_272L);
    }

    @Test
    void usesTheExpectedCloseDateWhileOpenAndTheActualOneWhenClosed() {
        OpportunityReportDocument document = anOpenProposal();
        assertThat(document.toSource()).containsEntry("closeDate", "2026-12-15").containsEntry("closeMonth", "2026-12")
                .containsEntry("expectedCloseMonth", "2026-12");

        document.status(OpportunityReportDocument.WON).closedOn(LocalDate.of(2026, 11, 2));

        assertThat(document.toSource()).containsEntry("closeDate", "2026-11-02").containsEntry("closeMonth", "2026-11")
                .containsEntry("expectedCloseMonth", "2026-12");
    }

    @Test
    void survivesARoundTripThroughItsSource() {
        Map<String, Object> source = anOpenProposal().lastPosition(42).toSource();

        assertThat(OpportunityReportDocument.fromSource(source).toSource()).isEqualTo(source);
    }

    @Test
    void parsesGroupByDimensionsByTheirApiNames() {
        assertThat(List.of("stage", "OWNER", "closeMonth", "expectedclosemonth", "region").stream()
                .map(ReportDimension::parse))
                .containsExactly(ReportDimension.STAGE, ReportDimension.OWNER, ReportDimension.CLOSE_MONTH,
                        ReportDimension.EXPECTED_CLOSE_MONTH, ReportDimension.REGION);
        assertThatThrownBy(() -> ReportDimension.parse("colour")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAtMostTwoDifferentDimensions() {
        assertThatThrownBy(() -> OpportunityReportCriteria.groupedBy(ReportDimension.STAGE, ReportDimension.OWNER, ReportDimension.TIER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpportunityReportCriteria.groupedBy(ReportDimension.STAGE, ReportDimension.STAGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
