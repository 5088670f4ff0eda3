// Compiled only by tsconfig.wx.json (the mini program's world): the real `wx` must fit what the SDK asks for.
import { wxPlatform, type WxApi } from '../../src/index';

const fits: WxApi = wx;
export const platform = wxPlatform(fits);
