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
    void customEndpointTransitUriNamesTheAccountTheAbfsWay() {
        final StorageEndpoint endpoint = StorageEndpoint.forCustom("acct", "fs", "http://127.0.0.1:10004/acct");
        assertFalse(endpoint.isSecure());
        assertEquals("abfs://fs@acct.dfs.core.windows.net/dir/file", endpoint.transitUri("dir/file"));
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
