package io.nififusion.services.target;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageEndpointTest {

    @Test
    void cloudEndpointsAreHttpsWithAbfssTransitUris() {
        final StorageEndpoint endpoint = StorageEndpoint.forCloud("contosolake", "data", EndpointSuffix.AZURE_PUBLIC.getSuffix());
        assertEquals("https://contosolake.dfs.core.windows.net", endpoint.endpointUrl());
        assertTrue(endpoint.isSecure());
        assertFalse(endpoint.custom());
        assertEquals("abfss://data@contosolake.dfs.core.windows.net/warehouse/t%201/%25x", endpoint.transitUri("warehouse/t 1/%x"));
        assertEquals("abfss://data@contosolake.dfs.core.windows.net/", endpoint.transitUri(""));
        assertEquals("abfss://data@contosolake.dfs.core.windows.net/a", endpoint.transitUri("/a"));
    }

    @Test
    void loopbackEndpointWithoutPathGetsTheAccountAppended() {
        assertEquals("http://127.0.0.1:10004/acct", StorageEndpoint.forCustom("acct", "fs", "http://127.0.0.1:10004").endpointUrl());
        assertEquals("http://127.0.0.1:10004/acct", StorageEndpoint.forCustom("acct", "fs", "http://127.0.0.1:10004/").endpointUrl());
        assertEquals("http://localhost:10004/emulated", StorageEndpoint.forCustom("acct", "fs", "http://localhost:10004/emulated").endpointUrl());
        assertEquals("https://acct.dfs.private.example", StorageEndpoint.forCustom("acct", "fs", "https://acct.dfs.private.example/").endpointUrl());
    }

    @Test
    void customEndpointTransitUriIsTheUrlOfThePathAtThatEndpoint() {
        final StorageEndpoint emulator = StorageEndpoint.forCustom("acct", "fs", "http://127.0.0.1:10004");
        assertFalse(emulator.isSecure());
        assertTrue(emulator.custom());
        assertEquals("http://127.0.0.1:10004/acct/fs/dir/file", emulator.transitUri("dir/file"));
        assertEquals("http://127.0.0.1:10004/acct/fs/", emulator.transitUri(""));

        final StorageEndpoint privateEndpoint = StorageEndpoint.forCustom("acct", "fs", "https://acct.dfs.private.example/");
        assertTrue(privateEndpoint.isSecure());
        assertEquals("https://acct.dfs.private.example/fs/warehouse/t%201/%25x", privateEndpoint.transitUri("/warehouse/t 1/%x"));
        assertFalse(privateEndpoint.transitUri("a").contains("core.windows.net"));
    }

    @Test
    void loopbackIsJudgedFromTheTextOnly() {
        assertTrue(LoopbackHosts.isLoopback("127.0.0.1"));
        assertTrue(LoopbackHosts.isLoopback("127.12.0.9"));
        assertTrue(LoopbackHosts.isLoopback("LOCALHOST"));
        assertTrue(LoopbackHosts.isLoopback("[::1]"));
        assertFalse(LoopbackHosts.isLoopback("10.0.0.1"));
        assertFalse(LoopbackHosts.isLoopback("127.0.0.1.nip.io"));
        assertFalse(LoopbackHosts.isLoopback("localhost.example.com"));
        assertFalse(LoopbackHosts.isLoopback(null));
    }
}
