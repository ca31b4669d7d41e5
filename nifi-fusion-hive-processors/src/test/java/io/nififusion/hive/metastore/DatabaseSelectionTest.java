package io.nififusion.hive.metastore;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSelectionTest {

    @Test
    void choosesNamesAndWildcardsInLowerCaseSorted() {
        final DatabaseSelection selection = DatabaseSelection.parse(" Sales, web_* ");
        assertEquals("sales,web_*", selection.text());
        assertEquals(List.of("sales", "web_clicks", "web_logs"), selection.choose(List.of("web_logs", "SALES", "web_clicks", "webshop", "salesforce")));
        assertTrue(selection.matches("WEB_"));
        assertFalse(selection.matches(null));
    }

    @Test
    void neverChoosesTheSystemDatabases() {
        final DatabaseSelection everything = DatabaseSelection.parse("*");
        assertEquals(List.of("default", "sales"), everything.choose(List.of("sys", "information_schema", "default", "sales")));
    }

    @Test
    void rejectsWhatIsNotADatabaseNamePattern() {
        assertEquals("Database pattern [sales;drop] may hold only letters, digits, '_' and the wildcard '*', as Hive database names do",
                assertThrows(IllegalArgumentException.class, () -> DatabaseSelection.parse("sales;drop")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseSelection.parse(" , "));
        assertThrows(IllegalArgumentException.class, () -> DatabaseSelection.parse(null));
        // a regular expression is not a pattern: '.' would otherwise match any character
        assertThrows(IllegalArgumentException.class, () -> DatabaseSelection.parse("sa.es"));
    }
}
