package dev.hoochat.localservers.momento;

import com.google.protobuf.ByteString;
import grpc.cache_client.ECacheResult;
import grpc.cache_client.ScsGrpc;
import grpc.cache_client._DeleteRequest;
import grpc.cache_client._DeleteResponse;
import grpc.cache_client._GetBatchRequest;
import grpc.cache_client._GetRequest;
import grpc.cache_client._GetResponse;
import grpc.cache_client._ListConcatenateBackRequest;
import grpc.cache_client._ListConcatenateBackResponse;
import grpc.cache_client._ListFetchRequest;
import grpc.cache_client._ListFetchResponse;
import grpc.cache_client._SetIfNotExistsRequest;
import grpc.cache_client._SetIfNotExistsResponse;
import grpc.cache_client._SetRequest;
import grpc.cache_client._SetResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Momento data plane ({@code cache_client.Scs}) as far as the HooChat adapter uses it. Every
 * other call answers UNIMPLEMENTED, which the base class does for us.
 */
final class DataPlane extends ScsGrpc.ScsImplBase {
  private final MomentoCaches caches;

  DataPlane(MomentoCaches caches) {
    this.caches = caches;
  }

  @Override
  public void get(_GetRequest request, StreamObserver<_GetResponse> out) {
    unary(out, () -> getResponse(CallGate.cacheName(), request.getCacheKey()));
  }

  @Override
  public void getBatch(_GetBatchRequest request, StreamObserver<_GetResponse> out) {
    String cache = CallGate.cacheName();
    List<_GetResponse> responses = new ArrayList<>(request.getItemsCount());
    try {
      for (_GetRequest item : request.getItemsList()) {
        responses.add(getResponse(cache, item.getCacheKey()));
      }
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    // One response per requested key, in request order: the SDK pairs them up by position.
    responses.forEach(out::onNext);
    out.onCompleted();
  }

  @Override
  public void set(_SetRequest request, StreamObserver<_SetResponse> out) {
    unary(
        out,
        () -> {
          caches.set(
              CallGate.cacheName(),
              request.getCacheKey(),
              request.getCacheBody(),
              request.getTtlMilliseconds());
          return _SetResponse.newBuilder().setResult(ECacheResult.Ok).build();
        });
  }

  @Override
  @SuppressWarnings("deprecation") // SDK 1.21.0 still sends SetIfNotExists, not SetIf(Absent).
  public void setIfNotExists(
      _SetIfNotExistsRequest request, StreamObserver<_SetIfNotExistsResponse> out) {
    unary(
        out,
        () -> {
          boolean stored =
              caches.setIfNotExists(
                  CallGate.cacheName(),
                  request.getCacheKey(),
                  request.getCacheBody(),
                  request.getTtlMilliseconds());
          _SetIfNotExistsResponse.Builder response = _SetIfNotExistsResponse.newBuilder();
          return stored
              ? response.setStored(_SetIfNotExistsResponse._Stored.getDefaultInstance()).build()
              : response
                  .setNotStored(_SetIfNotExistsResponse._NotStored.getDefaultInstance())
                  .build();
        });
  }

  @Override
  public void delete(_DeleteRequest request, StreamObserver<_DeleteResponse> out) {
    unary(
        out,
        () -> {
          caches.delete(CallGate.cacheName(), request.getCacheKey());
          return _DeleteResponse.getDefaultInstance();
        });
  }

  @Override
  public void listConcatenateBack(
      _ListConcatenateBackRequest request, StreamObserver<_ListConcatenateBackResponse> out) {
    unary(
        out,
        () -> {
          int length =
              caches.listConcatenateBack(
                  CallGate.cacheName(),
                  request.getListName(),
                  request.getValuesList(),
                  request.getTtlMilliseconds(),
                  request.getRefreshTtl(),
                  request.getTruncateFrontToSize());
          return _ListConcatenateBackResponse.newBuilder().setListLength(length).build();
        });
  }

  @Override
  public void listFetch(_ListFetchRequest request, StreamObserver<_ListFetchResponse> out) {
    unary(
        out,
        () -> {
          Optional<List<ByteString>> list =
              caches.listFetch(CallGate.cacheName(), request.getListName());
          if (list.isEmpty()) {
            return _ListFetchResponse.newBuilder()
                .setMissing(_ListFetchResponse._Missing.getDefaultInstance())
                .build();
          }
          return _ListFetchResponse.newBuilder()
              .setFound(
                  _ListFetchResponse._Found.newBuilder().addAllValues(slice(list.get(), request)))
              .build();
        });
  }

  private _GetResponse getResponse(String cache, ByteString key) {
    return caches
        .get(cache, key)
        .map(v -> _GetResponse.newBuilder().setResult(ECacheResult.Hit).setCacheBody(v).build())
        .orElseGet(() -> _GetResponse.newBuilder().setResult(ECacheResult.Miss).build());
  }

  /** Python-style slice [start, end) with negative indices from the end, as the protocol says. */
  private static List<ByteString> slice(List<ByteString> list, _ListFetchRequest request) {
    int size = list.size();
    int start =
        request.getStartIndexCase() == _ListFetchRequest.StartIndexCase.INCLUSIVE_START
            ? request.getInclusiveStart()
            : 0;
    int end =
        request.getEndIndexCase() == _ListFetchRequest.EndIndexCase.EXCLUSIVE_END
            ? request.getExclusiveEnd()
            : size;
    start = Math.max(0, Math.min(size, start < 0 ? size + start : start));
    end = Math.max(0, Math.min(size, end < 0 ? size + end : end));
    return start >= end ? List.of() : list.subList(start, end);
  }

  private static <T> void unary(StreamObserver<T> out, Supplier<T> answer) {
    T response;
    try {
      response = answer.get();
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }
}
