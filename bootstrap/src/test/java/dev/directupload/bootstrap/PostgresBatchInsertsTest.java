package dev.directupload.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import org.junit.jupiter.api.Test;

class PostgresBatchInsertsTest {

    private static DatasourceConfiguration created(String url, String ownSetting) {
        DatasourceConfiguration datasource = new DatasourceConfiguration("default");
        datasource.setUrl(url);
        if (ownSetting != null) {
            datasource.addDataSourceProperty(PostgresBatchInserts.PROPERTY, ownSetting);
        }
        PostgresBatchInserts.apply(datasource);
        return datasource;
    }

    @Test
    void onPostgres_batchesBecomeMultiRowInserts() {
        assertThat(created("jdbc:postgresql://127.0.0.1:5432/test", null).getDataSourceProperties())
                .containsEntry(PostgresBatchInserts.PROPERTY, "true");
    }

    @Test
    void anOperatorsOwnSetting_isKept() {
        assertThat(created("jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=false", null)
                        .getDataSourceProperties())
                .doesNotContainKey(PostgresBatchInserts.PROPERTY);
        assertThat(created("jdbc:postgresql://127.0.0.1:5432/test", "false").getDataSourceProperties())
                .containsEntry(PostgresBatchInserts.PROPERTY, "false");
    }

    @Test
    void otherDatabases_areLeftAlone() {
        assertThat(created("jdbc:h2:file:./data/db", null).getDataSourceProperties())
                .isEmpty();
        assertThat(created("jdbc:mariadb://127.0.0.1:3306/test", null).getDataSourceProperties())
                .isEmpty();
    }
}
