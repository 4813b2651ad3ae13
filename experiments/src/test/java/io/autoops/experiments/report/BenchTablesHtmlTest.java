package io.autoops.experiments.report;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTablesHtmlTest {

    @Test
    void aTableBecomesAnHtmlTable_escaped_numbersToThreeDecimals_missingAsADash() {
        Table t = Table.create("t", StringColumn.create("policy", "rules<tuned>", "noop"),
                DoubleColumn.create("score", 0.12345, Double.NaN));
        String html = BenchTables.html(t);
        assertThat(html).startsWith("<table>").endsWith("</table>")
                .contains("<th>policy</th><th>score</th>")
                .contains("<td>rules&lt;tuned&gt;</td><td style=\"text-align:right\">0.123</td>")
                .contains("<td>noop</td><td style=\"text-align:right\">&ndash;</td>");
        assertThat(html.split("<tr>")).hasSize(4); // header and two rows
    }
}
